SEARCH_TABLE = "saved_search"
