"""OwnersRep: a desktop workspace for owner's representatives."""

__version__ = "0.1.0"
APP_NAME = "OwnersRep"
ORG_NAME = "OwnersRep"
