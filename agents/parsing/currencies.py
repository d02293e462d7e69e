"""Currency symbols, codes and words → ISO 4217 codes (data only).

Each entry is (written form, ISO code, case_sensitive). Codes are matched in upper case
only ("TRY" is a currency, "try" is a verb); words and symbols in any case. Ambiguous
signs are resolved later from context (money.resolve_currency): "¥" is JPY unless the
brief talks about China; "kr" depends on the Nordic country; "pesos" on the country.
"""

from __future__ import annotations

ISO_CODES: tuple[str, ...] = (
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "BRL", "CHF", "CAD", "AUD", "NZD", "SGD",
    "HKD", "MXN", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "KRW",
    "TRY", "RUB", "UAH", "ZAR", "AED", "SAR", "QAR", "KWD", "IDR", "MYR", "THB", "VND",
    "PHP", "ILS", "EGP", "NGN", "KES", "COP", "CLP", "ARS", "PEN", "TWD", "PKR", "BDT",
)

# Written before the amount ("$15k", "USD 15,000", "R$10 mil", "CHF 8'000").
PREFIXES: tuple[tuple[str, str, bool], ...] = (
    ("US$", "USD", False), ("U.S.$", "USD", False), ("USD$", "USD", False),
    ("AU$", "AUD", False), ("A$", "AUD", True), ("CA$", "CAD", False), ("C$", "CAD", True),
    ("NZ$", "NZD", False), ("HK$", "HKD", False), ("SG$", "SGD", False), ("S$", "SGD", True),
    ("MX$", "MXN", False), ("NT$", "TWD", False), ("R$", "BRL", True),
    ("CN¥", "CNY", False), ("RMB", "CNY", True), ("JP¥", "JPY", False),
    ("Rs.", "INR", True), ("Rs", "INR", True), ("Rp", "IDR", True), ("RM", "MYR", True),
    ("$", "USD", False), ("€", "EUR", False), ("£", "GBP", False), ("¥", "JPY?", False),
    ("₹", "INR", False), ("₩", "KRW", False), ("₺", "TRY", False), ("₽", "RUB", False),
    ("₱", "PHP", False), ("฿", "THB", False), ("₫", "VND", False), ("₪", "ILS", False),
    ("₦", "NGN", False), ("₴", "UAH", False), ("zł", "PLN", False), ("kr", "kr?", False),
) + tuple((code, code, True) for code in ISO_CODES)

# Written after the amount ("5.000 €", "15k USD", "200 euros", "10 mil reais").
SUFFIXES: tuple[tuple[str, str, bool], ...] = (
    ("€", "EUR", False), ("$", "USD", False), ("£", "GBP", False), ("¥", "JPY?", False),
    ("₹", "INR", False), ("₩", "KRW", False), ("₺", "TRY", False), ("₽", "RUB", False),
    ("₱", "PHP", False), ("฿", "THB", False), ("₫", "VND", False), ("₪", "ILS", False),
    ("元", "CNY", False), ("円", "JPY", False), ("zł", "PLN", False), ("Kč", "CZK", False),
    ("Ft", "HUF", True), ("kr.", "kr?", False), ("kr", "kr?", False), ("RMB", "CNY", True),
    ("euros", "EUR", False), ("euro", "EUR", False), ("eur", "EUR", False),
    ("us dollars", "USD", False), ("dollars", "USD", False), ("dollar", "USD", False),
    ("bucks", "USD", False), ("dólares", "USD", False), ("dolares", "USD", False),
    ("pounds", "GBP", False), ("quid", "GBP", False), ("yen", "JPY", False),
    ("yuan", "CNY", False), ("renminbi", "CNY", False), ("rupees", "INR", False),
    ("reais", "BRL", False), ("francs", "CHF", False), ("franken", "CHF", False),
    ("pesos", "pesos?", False), ("złoty", "PLN", False), ("zloty", "PLN", False),
    ("kronor", "SEK", False), ("kroner", "kr?", False),
    ("$ CA", "CAD", True), ("$CA", "CAD", True), ("$ US", "USD", True), ("$US", "USD", True),
    ("$ AU", "AUD", True), ("$AU", "AUD", True), ("canadian dollars", "CAD", False),
    ("australian dollars", "AUD", False),
) + tuple((code, code, True) for code in ISO_CODES)

# Nordic "kr": the country named in the brief decides (ISO 3166 → ISO 4217).
KRONA_BY_COUNTRY = {"SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK"}
PESO_BY_COUNTRY = {"MX": "MXN", "AR": "ARS", "CO": "COP", "CL": "CLP", "PH": "PHP"}

# When a budget has no currency at all, the countries named decide (ISO 3166 → ISO 4217).
_EURO = "AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK".split()
CURRENCY_BY_COUNTRY: dict[str, str] = {c: "EUR" for c in _EURO}
CURRENCY_BY_COUNTRY.update({
    "US": "USD", "GB": "GBP", "CH": "CHF", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "JP": "JPY",
    "CN": "CNY", "IN": "INR", "BR": "BRL", "MX": "MXN", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD",
    "KR": "KRW", "AE": "AED", "CZ": "CZK", "HU": "HUF", "RO": "RON", "TR": "TRY", "ZA": "ZAR", "ID": "IDR",
})
