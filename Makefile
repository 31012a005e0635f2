# DocSentry. On a fresh machine: `make demo` and `make test` are all you type; both run `setup` first.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
DEBIAN_PACKAGES := pkg-config libpng-dev libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng \
                   libcairo2-dev fonts-ocr-b chromium python3-pexpect
BIN := .build/debug/docsentry

.PHONY: setup build demo test bench fuzz asan clean

## setup: install the Debian packages DocSentry needs, only those missing (apt-get update first, once).
setup:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "setup: installing $$missing"; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else \
	  echo "setup: missing packages ($$missing) and no root or sudo: run 'apt-get install $$missing' as root" >&2; exit 1; fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$sudo apt-get update -qq || { echo "setup: apt-get update failed: check the network or /etc/apt/sources.list" >&2; exit 1; }; \
	$$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null || { echo "setup: apt-get install $$missing failed" >&2; exit 1; }; \
	echo "setup: done"

build: setup
	$(SWIFT) build $(BUILD_FLAGS)

## demo: build, then run the main job on TestImages/.
demo: build
	@./scripts/demo.sh

test: setup
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

bench: setup
	$(SWIFT) build -c release $(BUILD_FLAGS)
	@./scripts/bench.sh

## fuzz: build the fuzz harness (Fuzz/, libFuzzer + AddressSanitizer) and run each target FUZZ_SECONDS (see Fuzz/README.md).
FUZZ_SECONDS ?= 60
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) ./scripts/fuzz.sh

## asan: the test suite under AddressSanitizer, in its own build folder; leak checking off by default, since
## fontconfig keeps its cache at exit (ASAN_OPTIONS=detect_leaks=1 to see it; docs/robustness.md).
asan: setup
	$(SWIFT) build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address -Xcc -fsanitize=address
	ASAN_OPTIONS=$${ASAN_OPTIONS:-detect_leaks=0} $(SWIFT) test --skip-build --scratch-path .build-asan

clean:
	rm -rf .build .build-asan Fuzz/.build

## model: train the MRZ recogniser Models/mrz.traineddata end to end, resumably (work in model-work/; see
## scripts/model/model.sh): make model REAL_LINES=DIR, DIR a folder of real MRZ line images with .gt.txt files.
MODEL_MINUTES ?= 240
MAX_ITERATIONS ?= 60000
SYNTH_LINES ?= 20000
PHOTO_SYNTH_LINES ?= 0
PHOTO_WEIGHT ?= 10
REAL_WEIGHT ?= 3
REAL_LINES ?=
MODEL_ENV = MODEL_MINUTES=$(MODEL_MINUTES) MAX_ITERATIONS=$(MAX_ITERATIONS) SYNTH_LINES=$(SYNTH_LINES) \
  PHOTO_SYNTH_LINES=$(PHOTO_SYNTH_LINES) PHOTO_WEIGHT=$(PHOTO_WEIGHT) REAL_WEIGHT=$(REAL_WEIGHT) \
  REAL_LINES="$(REAL_LINES)" DOCSENTRY=.build-model/release/docsentry
.PHONY: model model-finetune
model: setup
	@$(MODEL_ENV) ./scripts/model/model.sh check
	$(SWIFT) build -c release --scratch-path .build-model --product docsentry
	$(MODEL_ENV) ./scripts/model/model.sh all

## model-finetune: continue Models/mrz.traineddata on the same data plus 10,000 photo-style synthetic lines, the
## real photo lines listed 20 times (scripts/model/model.sh finetune): make model-finetune REAL_LINES=DIR.
FINETUNE_RATE ?= 0.0005
FINETUNE_STAGES ?= 2000 3000 4000 5000 6000
model-finetune: PHOTO_SYNTH_LINES = 10000
model-finetune: PHOTO_WEIGHT = 20
model-finetune: REAL_WEIGHT = 2
model-finetune: setup
	@$(MODEL_ENV) ./scripts/model/model.sh check
	$(SWIFT) build -c release --scratch-path .build-model --product docsentry
	$(MODEL_ENV) FINETUNE_RATE=$(FINETUNE_RATE) FINETUNE_STAGES="$(FINETUNE_STAGES)" ./scripts/model/model.sh finetune
