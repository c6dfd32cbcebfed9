# The two commands a newcomer needs (see README.md):
#   make demo   set up, load the bundled sample corpus into an embedded store, summarise, export, validate,
#               and write the Solihull dossier (out/dossier-solihull.html)
#   make test   set up and run the test suite (and ruff) against the installed package
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= sgkg-store

.PHONY: demo test dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

demo: $(BIN)/python
	$(BIN)/pip install --quiet .
	$(BIN)/sgkg load sample-corpus/ --store $(STORE)
	$(BIN)/sgkg stats --store $(STORE)
	$(BIN)/sgkg export --store $(STORE) --format trig --output out/sample-corpus.trig
	$(BIN)/sgkg validate --store $(STORE)
	$(BIN)/sgkg report authority Solihull --store $(STORE) -o out/dossier-solihull.html
	@echo "The Solihull dossier: $(CURDIR)/out/dossier-solihull.html (open it in a browser)"

# A regular (not editable) install: the tests import the package as users get it.
test: $(BIN)/python
	$(BIN)/pip install --quiet '.[test]'
	$(BIN)/ruff check .
	$(BIN)/pytest -q

dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

clean:
	rm -rf $(STORE) out build *.egg-info
