"""ISO 8601 <-> epoch milliseconds without ``datetime`` (STYLE.md, import budget).

The cookie stores ISO strings as vanilla-cookieconsent does; the rules compare
milliseconds. Howard Hinnant's civil-calendar algorithms, UTC only.
"""

MS_PER_DAY = 86400000


def _days_from_civil(year: int, month: int, day: int) -> int:
    year -= 1 if month <= 2 else 0
    era = (year if year >= 0 else year - 399) // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(days: int) -> tuple:
    days += 719468
    era = (days if days >= 0 else days - 146096) // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if month <= 2 else 0), month, day


def _pad(number: int, width: int) -> str:
    text = str(number)
    return "0" * (width - len(text)) + text


def iso_from_ms(ms: int) -> str:
    """1700000000000 -> '2023-11-14T22:13:20.000Z' (what JS toISOString gives)."""
    ms = int(ms)
    days, rest = ms // MS_PER_DAY, ms % MS_PER_DAY
    year, month, day = _civil_from_days(days)
    hours, rest = rest // 3600000, rest % 3600000
    minutes, rest = rest // 60000, rest % 60000
    seconds, millis = rest // 1000, rest % 1000
    return (
        _pad(year, 4)
        + "-"
        + _pad(month, 2)
        + "-"
        + _pad(day, 2)
        + "T"
        + _pad(hours, 2)
        + ":"
        + _pad(minutes, 2)
        + ":"
        + _pad(seconds, 2)
        + "."
        + _pad(millis, 3)
        + "Z"
    )


def ms_from_iso(text):
    """Parse 'YYYY-MM-DDTHH:MM:SS[.fff]Z'; None for anything else."""
    if not isinstance(text, str) or len(text) < 20 or not text.endswith("Z"):
        return None
    date, sep, time = text[:-1].partition("T")
    fields = date.split("-")
    clock = time.split(":")
    if not sep or len(fields) != 3 or len(clock) != 3:
        return None
    whole, _, fraction = clock[2].partition(".")
    numbers = fields + clock[:2] + [whole]
    for n in numbers:  # a loop, not all(): Brython's generators are slow (once a decision)
        if not n.isdigit():
            return None
    if fraction and not fraction.isdigit():
        return None
    year, month, day, hours, minutes, seconds = [int(n) for n in numbers]
    if not (1 <= month <= 12 and 1 <= day <= 31 and hours < 24 and minutes < 60 and seconds < 61):
        return None
    millis = int((fraction + "000")[:3]) if fraction else 0
    return (
        _days_from_civil(year, month, day) * MS_PER_DAY
        + hours * 3600000
        + minutes * 60000
        + seconds * 1000
        + millis
    )
