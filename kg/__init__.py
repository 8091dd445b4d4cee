"""trialkg: an open knowledge graph of cancer drugs, their targets, clinical trials and conditions."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("trialkg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
