# Two commands on a fresh Debian machine: `make run`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Debian packages the pipeline calls (Tesseract and its language data) and the
# fonts the generator of synthetic mail draws with; chromium for the review
# station's browser tests (Playwright drives it: no browser is downloaded).
APT_PACKAGES := tesseract-ocr tesseract-ocr-fra tesseract-ocr-pol tesseract-ocr-eng \
                fonts-dejavu-core fonts-liberation fonts-comic-neue fonts-breip \
                fonts-dancingscript chromium
INBOX ?= samples/inbox
OUT   ?= out

.PHONY: run test lint system venv clean samples-inbox accuracy torture fuzz bench devmail bench-review bench-crm

run: system venv
	$(BIN)/mailroom process $(INBOX) --out $(OUT) --ignore truth.csv
	@echo "review station: add a user, then start it and open http://127.0.0.1:8000/"
	@echo "  $(BIN)/mailroom users add NAME --role clerk --out $(OUT)"
	@echo "  $(BIN)/mailroom review --out $(OUT)"

test: system venv
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check pipeline samples/mailgen tests
	$(BIN)/mypy pipeline samples/mailgen

# Installs what is missing from the system, or says what to run when not root.
system:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing system packages:$$missing"; \
	    echo "run as root: apt-get update && apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# Rebuilds the committed sample inbox from its seed (see samples/README.md).
samples-inbox: system venv
	rm -rf samples/inbox
	$(BIN)/mailroom samples samples/inbox --n 25 --seed 9 --difficulty scan

# Accuracy on 200 fresh files of each difficulty, from a seed never developed on:
# read once, then decided again with the CRM extract the generator wrote beside them
# (the files are not read twice: the store keeps what reading gave).
ACCURACY_SEED ?= 20261236
ACCURACY_DIR  ?= /tmp/mailroom-accuracy
ACCURACY_N    ?= 200
accuracy: system venv
	@for d in scan hard; do \
	  rm -rf $(ACCURACY_DIR)/$$d $(ACCURACY_DIR)/$$d-out $(ACCURACY_DIR)/$$d-crm; \
	  $(BIN)/mailroom samples $(ACCURACY_DIR)/$$d --n $(ACCURACY_N) --seed $(ACCURACY_SEED) --difficulty $$d && \
	  $(BIN)/mailroom process $(ACCURACY_DIR)/$$d --out $(ACCURACY_DIR)/$$d-out --ignore '*.csv' && \
	  echo "== $$d, seed $(ACCURACY_SEED), without the CRM" && \
	  $(BIN)/mailroom eval --truth $(ACCURACY_DIR)/$$d/truth.csv --pred $(ACCURACY_DIR)/$$d-out/records.csv && \
	  mkdir -p $(ACCURACY_DIR)/$$d-crm && cp $(ACCURACY_DIR)/$$d-out/mailroom.sqlite $(ACCURACY_DIR)/$$d-crm/ && \
	  $(BIN)/mailroom process $(ACCURACY_DIR)/$$d --out $(ACCURACY_DIR)/$$d-crm --ignore '*.csv' --crm $(ACCURACY_DIR)/$$d/crm.csv && \
	  echo "== $$d, seed $(ACCURACY_SEED), with --crm" && \
	  $(BIN)/mailroom eval --truth $(ACCURACY_DIR)/$$d/truth-crm.csv --pred $(ACCURACY_DIR)/$$d-crm/records.csv || exit 1; \
	done

# The pipeline and its score on mail that this project did not write, where a
# folder of it lies beside the checkout (a workplace's, not part of the repository).
DEVMAIL     ?= ../shared/devmail
DEVMAIL_OUT ?= /tmp/mailroom-devmail
devmail: system venv
	@test -d $(DEVMAIL) || { echo "no $(DEVMAIL): nothing to score"; exit 0; }; \
	rm -rf $(DEVMAIL_OUT) && \
	$(BIN)/mailroom process $(DEVMAIL) --out $(DEVMAIL_OUT) --ignore truth.csv --ignore '*.md' && \
	$(BIN)/mailroom eval --truth $(DEVMAIL)/truth.csv --pred $(DEVMAIL_OUT)/records.csv

# Throughput and memory, printed as figures (no test asserts a time).
bench: system venv
	$(BIN)/python tests/bench.py

# The review station under 20 simulated clerks over 10,000 records (127.0.0.1 only).
bench-review: system venv
	$(BIN)/python tests/bench_review.py

# A 1,000,000-contract CRM extract: load time, peak memory, lookups per letter by size.
bench-crm: system venv
	$(BIN)/python tests/bench_crm.py

# Bad inputs, then kill -9 at random moments and resume: one line of figures each.
torture: system venv
	$(BIN)/python tests/torture.py --resumes 10

# Mutated PDFs and images thrown at the readers for MINUTES; what breaks them is
# saved under tests/fuzz_findings/ (outside CI).
MINUTES ?= 5
fuzz: system venv
	$(BIN)/python tests/fuzz.py --minutes $(MINUTES)

clean:
	rm -rf $(OUT) build *.egg-info
