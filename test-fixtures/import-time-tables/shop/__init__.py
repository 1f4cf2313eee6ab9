"""A shop whose models hand their classes to functions at import time (issue 11, funnel's
`add_primary_relationship(Project, 'primary_venue', Venue, ...)` from coaster): what a function from
outside the project may build is uncertain; the project's own helpers are followed."""
