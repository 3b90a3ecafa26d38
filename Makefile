.PHONY: test lint bench play
test: ; ./dev test
lint: ; ./dev lint
bench: ; ./dev bench
play: ; ./dev play
