"""The error a bad site config raises, shared by every module that checks a part of it."""


class ConfigError(ValueError):
    """The site config is unusable; the message names the offending field."""


def require(condition: bool, field: str, problem: str) -> None:
    if not condition:
        raise ConfigError(field + ": " + problem)
