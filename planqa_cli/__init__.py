"""The `planqa` command: the composition root that sits above the core and every consumer package."""
