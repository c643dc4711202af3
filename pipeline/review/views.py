"""The clerk's pages: the queue, a letter, its page images and the reply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user, login_required

from . import auth, decisions, queue, reply
from .app import db, said
from .decisions import DECISIONS, Change, StaleSave
from .letter import Letter, load
from .pages import PageUnavailable, cached_page
from .words import CHOICES, FLAG_WORDS

desk = Blueprint("desk", __name__)


def _filters() -> queue.Filters:
    flag = request.args.get("flag", "")
    doc_type = request.args.get("type", "")
    return queue.Filters(flag if flag in FLAG_WORDS else "",
                         doc_type if doc_type in ("termination_letter", "invoice", "other",
                                                  "error") else "",
                         set_aside=bool(getattr(current_user, "is_supervisor", False)))


def in_queue(endpoint: str, **values: Any) -> str:
    """A URL that keeps the queue's filters, so that j/k and "next" stay within them."""
    f = _filters()
    return url_for(endpoint, **values, flag=f.flag or None, type=f.doc_type or None)


@desk.app_context_processor
def queue_links() -> dict[str, Any]:
    return {"in_queue": in_queue}


def _letter_or_404(key: str) -> Letter:
    letter = load(db(), key)
    if letter is None:
        abort(404)
    return letter


@desk.get("/")
@login_required
def home() -> Any:
    return redirect(url_for("desk.queue"))


@dataclass(frozen=True)
class Row:
    """A row of the queue page, in the clerk's words (worked out here, once per code,
    rather than by calls in the template for each row)."""

    item: queue.Item
    href: str
    doc_type: str
    flags: tuple[str, ...]


@desk.get("/queue", endpoint="queue")
@login_required
def queue_view() -> Any:
    filters = _filters()
    try:
        page = max(0, int(request.args.get("page", "0")))
    except ValueError:
        page = 0
    known = current_app.extensions["mailroom_counts"].get(filters.set_aside)
    items, total = queue.pending(db(), filters, offset=page * queue.PAGE_SIZE, known=known)
    # one url_for for the page, not two a row (a tenth of the page's time)
    letter_base, letter_query = in_queue("desk.letter_page", key="0" * 24).split("0" * 24)
    words = said()
    flag_words = {code: words.flag(code) for code in {c for i in items for c in i.flags}}
    type_words = {t: words.doc_type(t) for t in {i.doc_type for i in items}}
    rows = [Row(i, f"{letter_base}{i.key}{letter_query}", type_words[i.doc_type],
                tuple(flag_words[c] for c in i.flags)) for i in items]
    by_flag, by_type = known
    return render_template("queue.html", rows=rows, total=total, filters=filters, page=page,
                           by_flag=[(c, words.flag(c), n) for c, n in by_flag.items()],
                           by_type=[(t, words.doc_type(t), n) for t, n in by_type.items()],
                           pages=max(1, -(-total // queue.PAGE_SIZE)))


def _show(letter: Letter, *, typed: dict[str, str] | None = None, status: int = 200,
          stale: bool = False) -> Any:
    holder, until = queue.holder(db(), letter.key)
    before, after = queue.neighbours(db(), letter.key, _filters())
    people = auth.list_users(db()) if current_user.is_supervisor else []
    return render_template("letter.html", letter=letter, typed=typed or {}, holder=holder,
                           mine=holder == current_user.name, before=before, after=after,
                           stale=stale, choices=CHOICES, people=people), status


@desk.get("/letter/<key>")
@login_required
def letter_page(key: str) -> Any:
    letter = _letter_or_404(key)
    if not letter.outcome.decision or letter.outcome.decision == "set_aside":
        holder = queue.claim(db(), key, current_user.name)
        if holder != current_user.name:
            flash(gettext("%(name)s is working on this letter: you can look, not save.",
                          name=holder), "warning")
    return _show(letter)


def _changes(letter: Letter, form: Any) -> list[Change]:
    """What the clerk changed on the page, against what the store holds now."""
    changes: list[Change] = []
    reason = form.get("reason", "").strip()
    for f in letter.fields:
        name = f"f_{f.name}"
        if name in form:
            value = form[name].strip()
            if value != f.value:
                changes.append(Change("correct", f.name, value, f.machine, reason))
    for flag in letter.flags:
        verdict = form.get(f"flag_{flag.code}", "")
        if verdict in decisions.FLAG_STATES and verdict != flag.verdict:
            changes.append(Change("flag", flag.code, verdict, reason=reason))
    action = form.get("action", "save")
    if action in DECISIONS:
        changes.append(Change("decide", "status", action, letter.outcome.decision, reason))
    return changes


@desk.post("/letter/<key>")
@login_required
def save_letter(key: str) -> Any:
    letter = _letter_or_404(key)
    typed = {k: v for k, v in request.form.items() if k != "csrf_token"}
    holder = queue.claim(db(), key, current_user.name)
    if holder != current_user.name:
        flash(gettext("%(name)s is working on this letter: your changes were not saved; "
                      "they are still in the form.", name=holder), "error")
        return _show(letter, typed=typed, status=409)
    try:
        seen = int(request.form.get("version", "-1"))
    except ValueError:
        seen = -1
    try:
        changes = _changes(letter, request.form)
        if not changes:
            flash(gettext("Nothing changed."), "info")
            return redirect(in_queue("desk.letter_page", key=key))
        version = decisions.save(db(), letter.sha256, letter.source_file, current_user.name,
                                 seen, changes)
    except StaleSave as exc:
        flash(gettext("Not saved: someone saved this letter after you opened it (version "
                      "%(seen)d, now %(now)d). Your values are still in the form: check "
                      "them against the new ones and save again.", seen=exc.seen,
                      now=exc.current), "error")
        return _show(_letter_or_404(key), typed=typed, status=409, stale=True)
    except ValueError as exc:
        flash(str(exc), "error")
        return _show(letter, typed=typed, status=400)
    action = request.form.get("action", "save")
    if action in DECISIONS:
        queue.release(db(), key, current_user.name)
        current_app.extensions["mailroom_exporter"].touch()
        if action == "reject":
            return redirect(in_queue("desk.reply_page", key=key))
        _, after = queue.neighbours(db(), key, _filters())
        flash(gettext("Saved (version %(v)d).", v=version), "info")
        return redirect(in_queue("desk.letter_page", key=after) if after
                        else in_queue("desk.queue"))
    flash(gettext("Saved (version %(v)d).", v=version), "info")
    return redirect(in_queue("desk.letter_page", key=key))


@desk.get("/letter/<key>/page/<int:number>.jpg")
@login_required
def page_image(key: str, number: int) -> Any:
    letter = _letter_or_404(key)
    if not 1 <= number <= max(letter.pages, 0):
        abort(404)
    turn = letter.page_turns[number - 1] if number <= len(letter.page_turns) else 0
    try:
        path = cached_page(current_app.config["CACHE"], current_app.config["INBOX"],
                           letter.source_file, letter.sha256, number, turn)
    except PageUnavailable:
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@desk.get("/letter/<key>/page/<int:number>/words.json")
@login_required
def page_words(key: str, number: int) -> Any:
    letter = _letter_or_404(key)
    if not 1 <= number <= max(letter.pages, 0):
        abort(404)
    try:
        found = current_app.extensions["mailroom_words"].page(letter.source_file,
                                                              letter.sha256, number)
    except PageUnavailable:
        abort(404)
    return jsonify(found)


@desk.route("/letter/<key>/reply", methods=["GET", "POST"])
@login_required
def reply_page(key: str) -> Any:
    letter = _letter_or_404(key)
    text = letter.outcome.reply or reply.draft(letter)
    if request.method == "POST":
        text = request.form.get("text", "")[:decisions.MAX_REPLY]
        try:
            seen = int(request.form.get("version", "-1"))
        except ValueError:
            seen = -1
        try:
            if text != letter.outcome.reply:
                decisions.save(db(), letter.sha256, letter.source_file, current_user.name,
                               seen, [Change("reply", "reply", text, reply.draft(letter))])
        except StaleSave:
            flash(gettext("Not saved: someone changed this letter after you opened it. Your "
                          "text is still below: save again."), "error")
            return render_template("reply.html", letter=_letter_or_404(key), text=text,
                                   after=queue.neighbours(db(), key, _filters())[1]), 409
        body = reply.pdf(text, title=f"Orange Pro - {letter.source_file}")
        name = f"reply-{key}.pdf"
        return Response(body, mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{name}"'})
    return render_template("reply.html", letter=letter, text=text,
                           after=queue.neighbours(db(), key, _filters())[1])

