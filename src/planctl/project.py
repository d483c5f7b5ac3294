"""Where planctl lives: its distribution name, repository and documentation addresses.

One home for them, because the reporters (links to a rule's documentation), ``planctl init``
(the workflow's pinned install and the pre-commit hook) and the packaging all name them.
"""

from __future__ import annotations

from planctl import __version__

#: the name on PyPI; ``planctl`` there is an unrelated project
DISTRIBUTION = "planctl-se"
#: the project's public home
REPOSITORY = "https://github.com/planctl-se/planctl"
#: the tag of this release, for ``rev:`` in a pre-commit configuration and links into the docs
TAG = f"v{__version__}"
#: the README's rule table, at this release (the heading ``## Rules``)
RULES_URI = f"{REPOSITORY}/blob/{TAG}/README.md#rules"


def pinned_requirement(extra: str = "") -> str:
    """``planctl-se==X.Y.Z``, the line a repository of plans installs this release with."""
    return f"{DISTRIBUTION}{f'[{extra}]' if extra else ''}=={__version__}"
