"""The error a bad site config raises, shared by every module that checks a part of it."""


class ConfigError(ValueError):
    """The site config is unusable; the message names the offending field."""


def refuse(field: str, problem: str) -> None:
    raise ConfigError(field + ": " + problem)


def require(condition: bool, field: str, problem: str) -> None:
    if not condition:
        refuse(field, problem)
