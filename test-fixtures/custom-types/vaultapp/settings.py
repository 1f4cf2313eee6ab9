from collections import defaultdict


def database_key_definitions(default):
    return defaultdict(lambda: default)
