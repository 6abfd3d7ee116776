"""What one process keeps in its own memory, bounded by size.

Used by the page cache (`page_cache.Memory`: entries it served lately) and by stored
pages (`stored_pages.KeptPages`: whole list pages). Each decides when what it keeps is
out of date; this only bounds how much is kept.
"""


class SizedMemory:
    """Values kept under keys, at most `limit` bytes as `measure(value)` counts them: to
    make room the oldest kept goes first, and a value larger than the whole limit is not
    kept."""

    def __init__(self, limit, measure=len):
        self.limit = limit
        self.measure = measure
        self.values = {}
        self.size = 0

    def get(self, key):
        return self.values.get(key)

    def put(self, key, value):
        size = self.measure(value)
        if size > self.limit:
            return
        old = self.values.pop(key, None)
        if old is not None:
            self.size -= self.measure(old)
        while self.values and self.size + size > self.limit:
            self.size -= self.measure(self.values.pop(next(iter(self.values))))
        self.values[key] = value
        self.size += size

    def clear(self):
        self.values = {}
        self.size = 0
