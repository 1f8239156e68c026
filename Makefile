# briefing: build the tool, build the shipped briefing, test, benchmark.
GO      ?= go
BIN     ?= bin/briefing
PUBLIC  ?= public
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)

.PHONY: all build site test bench fuzz clean validate validate-feeds web-deps lint-workflows

all: build

## build: compile the briefing binary into bin/
build:
	$(GO) build -trimpath -buildvcs=auto -ldflags "-X main.buildVersion=$(VERSION)" -o $(BIN) ./cmd/briefing

## site: build the shipped briefing (this folder) into public/
site: build
	./$(BIN) build --source . --destination $(PUBLIC)

## test: vet and run every test with the race detector; then, with Node.js
## (CI has it), search.js against the Go lookup
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m ./...
	@if command -v node >/dev/null 2>&1; then node internal/syndicate/search_test.mjs; \
	else echo "node not found: skipped internal/syndicate/search_test.mjs (CI runs it)"; fi

## lint-workflows: lint the GitHub workflows with actionlint (a go tool in
## go.mod), and make sure the lint can fail on a known-bad workflow
ACTIONLINT = $(GO) tool actionlint -shellcheck= -pyflakes=
lint-workflows:
	$(ACTIONLINT) .github/workflows/*.yml
	@if $(ACTIONLINT) testdata/workflows/bad.yml >/dev/null; then echo "actionlint passed a broken workflow"; exit 1; fi
	@echo "workflows: actionlint found no problems"

## bench: build a synthetic corpus of 1,000 pages, then one of 10,000 pages alongside
## the floor (yaml.v3 + goldmark on all cores, a file per page), the two alternating run
## by run so that both see the same load; report pages per second, the peak heap
## (peak-MB), the CPU time (cpu-s/op), and the ratio of the build to the floor by wall
## and by CPU time
bench:
	@bash -c "set -o pipefail; $(GO) test -run '^$$' -bench 'Build1k|Ratio10k' -benchmem -benchtime 3x ./internal/build/ | awk '{print} \
	  \$$1 ~ /^BenchmarkRatio10k/ {for (i = 2; i < NF; i++) {if (\$$(i+1) == \"wall-ratio\") w = \$$i; if (\$$(i+1) == \"cpu-ratio\") c = \$$i}} \
	  END {if (w > 0) printf \"build / floor at 10,000 pages: %.2f by wall time, %.2f by CPU time\\n\", w, c}'"

## fuzz: run each fuzz target for a bounded time; the whole-site targets
## minimize by count, since 60 s per new input would leave no time to fuzz
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzSplitFrontMatter$$' -fuzztime $(FUZZTIME) ./internal/load/
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeFrontMatter$$' -fuzztime $(FUZZTIME) ./internal/strict/
	$(GO) test -run '^$$' -fuzz '^FuzzRenderPage$$' -fuzztime $(FUZZTIME) ./internal/build/
	$(GO) test -run '^$$' -fuzz '^FuzzSitePerson$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./internal/build/
	$(GO) test -run '^$$' -fuzz '^FuzzSiteConfig$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./internal/build/

## validate: check every page of the built site with the W3C Nu HTML checker
## and axe-core (WCAG 2.1 AA) in headless Chromium, light and dark, at 1280 and
## 360 px and with the phone menu open (44 px targets), and /brief/ printed;
## needs java, node and chromium
VALIDATE_BASE ?= https://example.org/briefings/riyadh/
validate: build web-deps
	rm -rf .cache/validate .cache/validate-fixture .cache/validate-fixture-ar
	./$(BIN) build --quiet --source . --destination .cache/validate --base-url $(VALIDATE_BASE)
	./$(BIN) build --quiet --source testdata/site --destination .cache/validate-fixture
	./$(BIN) build --quiet --source testdata/site-ar --destination .cache/validate-fixture-ar
	java -jar .ci/web/node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --also-check-css .cache/validate .cache/validate-fixture .cache/validate-fixture-ar
	@echo "vnu: no errors or warnings"
	node .ci/web/a11y.mjs .cache/validate /briefings/riyadh/
	node .ci/web/a11y.mjs .cache/validate-fixture-ar /briefings/waha/

## validate-feeds: check the built feed against the Atom schema (RFC 4287,
## RELAX NG) with jing and the sitemap against the sitemaps.org XSD with
## xmllint; needs the Debian packages jing and libxml2-utils
validate-feeds: build
	rm -rf .cache/feeds
	./$(BIN) build --quiet --source . --destination .cache/feeds --base-url $(VALIDATE_BASE)
	xmllint --noout --schema testdata/schemas/sitemap.xsd .cache/feeds/sitemap.xml
	jing -c testdata/schemas/atom.rnc .cache/feeds/feed.xml
	@echo "feeds: feed.xml and sitemap.xml are valid"

web-deps: .ci/web/node_modules/.package-lock.json
.ci/web/node_modules/.package-lock.json: .ci/web/package.json .ci/web/package-lock.json
	npm ci --prefix .ci/web --no-audit --no-fund

## clean: remove built files
clean:
	rm -rf bin $(PUBLIC) .cache
