"""What a field expects, in words a contributor reads next to the bad value."""

from __future__ import annotations

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "list": "a list separated by semicolons",
}


def type_words(field: dict) -> str:
    return TYPE_WORDS.get(field.get("type", "string"), field.get("type", "string"))


def constraint_words(field: dict, constraint: str) -> str:
    value = field.get("constraints", {}).get(constraint)
    example = field.get("example")
    if constraint == "required":
        return "a value: this column is required"
    if constraint == "enum":
        return "one of: " + ", ".join(str(v) for v in value)
    if constraint == "pattern":
        return f"text matching {value}, such as {example}"
    if constraint == "unique":
        return "a value no other row has"
    if constraint in ("minimum", "maximum"):
        word = "at least" if constraint == "minimum" else "at most"
        return f"{word} {value}"
    if constraint in ("minLength", "maxLength"):
        word = "at least" if constraint == "minLength" else "at most"
        return f"{word} {value} characters"
    return f"{constraint} {value}"
