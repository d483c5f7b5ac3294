"""The Jinja templates of planctl's documents; a package only so that they ship in the wheel."""
