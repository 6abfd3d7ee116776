"""The benchmark: `bench/run` (see its header) and its Python helpers."""
