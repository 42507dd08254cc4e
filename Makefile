# The README's two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO ?= demo.orep

.PHONY: run test lint dist bench golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e ".[test]"
	@# Byte-compile now: an editable install does not, and start-up time counts.
	$(PY) -m compileall -q ownersrep
	touch $(STAMP)

run: $(STAMP)
	@test -f $(DEMO) || $(PY) -m ownersrep demo $(DEMO)
	$(PY) -m ownersrep $(DEMO)

test: $(STAMP)
	$(VENV)/bin/ruff check ownersrep tests bench
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check ownersrep tests bench
	$(VENV)/bin/lint-imports

dist: $(STAMP)
	$(PY) -m pip install -e ".[dist]"
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec
	@du -sh dist/OwnersRep

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/open_workspace.py
	$(PY) bench/schedule.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/gantt_paint.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/gantt.py
	$(PY) bench/cost.py
	$(PY) bench/report.py

# Re-render the owner report's approved page images (tests/golden/report/page-N.png) from
# the demo clinic's report, overwriting them; needs pdftoppm (poppler-utils). Run it only
# after a deliberate change to the report's look, then OPEN every image before committing
# it: tests/integration/test_report_golden.py compares the report against them.
golden: $(STAMP)
	OWNERSREP_GOLDEN_WRITE=1 $(PY) -m pytest tests/integration/test_report_golden.py -q

clean:
	rm -rf build dist $(VENV) .pytest_cache
