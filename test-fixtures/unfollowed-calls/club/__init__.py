"""A revision that renames tables through objects of a class defined in the revision file (funnel's
`for rn in renames: rn.upgrade()`), which the replay does not follow."""
