"""Text templates that kemi fills in, e.g. the commented card of `kemi project new`."""
