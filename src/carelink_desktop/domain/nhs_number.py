"""NHS numbers: ten digits whose last is a modulus-11 check digit."""

from __future__ import annotations


def normalise_nhs_number(text: str) -> str:
    """Strip spaces and dashes: '943 476 5919' -> '9434765919'."""
    return "".join(ch for ch in text if ch not in " -")


def nhs_number_problem(text: str) -> str | None:
    """Why ``text`` is not a valid NHS number, or None when it is."""
    digits = normalise_nhs_number(text)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return "An NHS number has 10 digits, e.g. 943 476 5919."
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        return "This NHS number's check digit does not match: please check it was typed correctly."
    return None


def format_nhs_number(digits: str) -> str:
    """'9434765919' -> '943 476 5919' (the NHS's own grouping)."""
    d = normalise_nhs_number(digits)
    return f"{d[:3]} {d[3:6]} {d[6:]}" if len(d) == 10 else d
