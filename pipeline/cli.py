"""`mailroom`: a thin command line over the library.

Exit codes: 0 every file got a record; 2 usage error; 3 the machine lacks something
(Tesseract, its language data); 4 the inbox cannot be read; 5 the CRM extract is
refused.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click

from .errors import MailroomError


def _fail(exc: MailroomError) -> None:
    click.echo(f"mailroom: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mailroom")
def main() -> None:
    """Reads a folder of incoming mail: termination letters, invoices, the rest."""


@main.command()
@click.argument("inbox", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for mailroom.sqlite, records.csv, records.jsonl and report.html.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes for reading (default: the machine's cores).")
@click.option("--ignore", multiple=True, metavar="GLOB",
              help="Leave out files matching GLOB (relative to INBOX); repeatable.")
@click.option("--timeout", type=click.FloatRange(0.1), default=600, show_default=True,
              metavar="SECONDS", help="Time allowed to read one file.")
@click.option("--max-memory", type=click.IntRange(1), default=2048, show_default=True,
              metavar="MB", help="Memory a worker may add to read one file.")
@click.option("--scheduler", default="", metavar="tcp://HOST:PORT",
              help="Read the files on this Dask cluster (INBOX on a shared path).")
# engines.ENGINES spelled out (a test keeps them equal): --help imports no OCR engine
@click.option("--ocr", type=click.Choice(["auto", "tesserocr", "pytesseract"]), default="auto",
              show_default=True,
              help="Tesseract's binding: auto is tesserocr (faster) where it is installed.")
@click.option("--crm", "crm_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar="EXTRACT",
              help="Check each letter against this CRM extract (.csv, .xlsx, .parquet; "
                   "docs/crm.md).")
@click.option("--crm-columns", default="", metavar="FIELD=COLUMN,...",
              help="The extract's column for a field, e.g. "
                   "'customer_number=Num client,contract_number=Ref'.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def process(inbox: Path, out: Path, workers: int | None, ignore: tuple[str, ...],
            timeout: float, max_memory: int, scheduler: str, ocr: str, crm_path: Path | None,
            crm_columns: str, quiet: bool) -> None:
    """Read every file under INBOX and write the store, the CRM CSV and the report.

    Example: mailroom process samples/inbox --out out/ --ignore truth.csv

    With the CRM's master data: mailroom process INBOX --out out/ --crm crm.csv
    """
    from .context import Context, Settings
    from .ingest import list_inbox
    from .orchestrator import process_inbox
    from .text.engines import choose_engine

    settings = Settings(doc_timeout=timeout, max_memory_mb=max_memory, scheduler=scheduler,
                        ocr=ocr)
    if workers is not None:
        settings = replace(settings, workers=workers)
    try:
        crm = None
        if crm_path is not None:  # refused, when malformed, before any file is read
            from .crm import load_crm, parse_column_map

            crm = load_crm(crm_path, parse_column_map(crm_columns))
            ignore = ignore + _inside(crm_path, inbox)
        choose_engine(settings.ocr, settings.languages)
        total = len(list_inbox(inbox, ignore))
        show = not quiet and sys.stderr.isatty()
        with click.progressbar(length=total, label="reading", file=sys.stderr,
                               hidden=not show) as bar:
            summary = process_inbox(inbox, out, Context(settings, crm=crm), ignore=ignore,
                                    progress=bar.update)
    except MailroomError as exc:
        _fail(exc)
    if not quiet:
        click.echo(summary.line())
        click.echo(f"wrote {out / 'records.csv'}, {out / 'records.jsonl'}, "
                   f"{out / 'report.html'} and {out / 'mailroom.sqlite'}")


def _inside(path: Path, inbox: Path) -> tuple[str, ...]:
    """The extract's name relative to the inbox when it lies inside it: not mail."""
    try:
        return (str(path.resolve().relative_to(inbox.resolve())),)
    except ValueError:
        return ()


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--n", "n", type=click.IntRange(1, 100_000), default=50, show_default=True,
              help="How many files to write.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same files.")
@click.option("--difficulty", type=click.Choice(["clean", "scan", "hard"]), default="scan",
              show_default=True, help="How badly the scanner treats the pages.")
def samples(out: Path, n: int, seed: int, difficulty: str) -> None:
    """Write N synthetic mail files into OUT, with OUT/truth.csv.

    Example: mailroom samples /tmp/mail --n 200 --seed 7 --difficulty hard
    """
    from mailgen import generate

    with click.progressbar(length=n, label="writing", file=sys.stderr,
                           hidden=not sys.stderr.isatty()) as bar:
        generate(out, n, seed, difficulty, progress=bar.update)
    click.echo(f"wrote {n} files and {out / 'truth.csv'}")


@main.command(name="eval")
@click.option("--truth", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="truth.csv written by `mailroom samples`.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="records.csv written by `mailroom process`.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_(truth: Path, pred: Path, as_json: bool) -> None:
    """Score a run's records.csv against a truth.csv.

    Example: mailroom eval --truth /tmp/mail/truth.csv --pred out/records.csv
    """
    from .evaluate import evaluate, format_table

    result = evaluate(truth, pred)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
    else:
        click.echo(format_table(result))


# the review station's commands (pipeline/review/commands.py; Flask loads only when run)
from .review.commands import review, users  # noqa: E402

main.add_command(users)
main.add_command(review)


if __name__ == "__main__":
    main()
