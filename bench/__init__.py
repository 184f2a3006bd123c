"""The benchmarks. Each is a module run from the repository root, e.g.
`.venv/bin/python -m bench.query`, so `bench.*` and the installed `library` import without any
`sys.path` changes; figures and commands are in bench/README.md."""
