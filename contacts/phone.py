"""Phone numbers: parsing what people type, and showing what we store."""

import phonenumbers

DEFAULT_REGION = "US"
# Longer than any real number written with spaces, dashes and an extension.
MAX_INPUT_LENGTH = 40


def parse_phone(value, region=DEFAULT_REGION):
    """Return the E.164 form of a valid phone number, or None."""
    if not value or len(value) > MAX_INPUT_LENGTH:
        return None
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164):
    """858-888-0101 for North American numbers, +44 20 7946 0958 for the rest."""
    if len(e164) == 12 and e164.startswith("+1") and e164[2:].isdigit():
        # What we store for almost every caller; no need to parse it (the intake list
        # shows 50 a page).
        digits = e164[2:]
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 1:
        digits = phonenumbers.national_significant_number(number)
        if len(digits) == 10:
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def spreadsheet_phone(e164, region=DEFAULT_REGION):
    """(619) 555-0142 in the centre's own calling code, +44 20 7946 0958 otherwise.

    A spreadsheet reads neither as a number, so no digit is lost. The national form
    needs no apostrophe; the international one starts with "+", which a spreadsheet
    would take for a formula, so the CSV export escapes it. (Other countries' national
    forms often start with 0, which a spreadsheet would drop.)
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == phonenumbers.country_code_for_region(region):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
