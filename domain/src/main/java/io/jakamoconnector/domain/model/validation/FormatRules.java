package io.jakamoconnector.domain.model.validation;

import io.jakamoconnector.domain.model.document.LocatedElement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The formats of values wherever they are, recognised by UBL's naming rules (every {@code ...Quantity} is a quantity,
 * every {@code ...Amount} an amount, every {@code ...Date} a date, every {@code ...CurrencyCode} a currency code).
 * Jakamo's MIGs state decimals with a point and no thousands separator, so a number Jakamo cannot read is an ERROR;
 * a date that is not ISO 8601 cannot be an {@code xsd:date} of UBL 2.1, so it is an ERROR too. Whether Jakamo checks
 * currency and unit codes against their code lists is not documented: those are WARNINGs. In the documents that are
 * not UBL (StatusMessage, the claims, ConfirmAllChanges) Jakamo has published no schema, so there a number or date
 * it may not read is a WARNING too.
 */
final class FormatRules {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(Z|[+-]\\d{2}:\\d{2})?");
    /** UN/ECE recommendation 20 codes are two or three upper-case letters or digits (C62, H87, KGM, MTR). */
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Z0-9]{2,3}");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    static final String DECIMAL_EXPECTED = "a decimal number with a point and no thousands separator, such as 5 or 1024.55";

    private FormatRules() {
    }

    static void check(LocatedElement root, boolean ubl, Findings findings) {
        Severity format = ubl ? Severity.ERROR : Severity.WARNING;
        for (LocatedElement e : root.descendantsAndSelf()) {
            String name = e.localName();
            if (name.endsWith("Quantity") || name.endsWith("Amount")) {
                if (!e.children().isEmpty()) {
                    continue;   // an aggregate that happens to end so, not a value
                }
                if (!DECIMAL.matcher(e.text()).matches()) {
                    findings.at(e, format, "decimal", Problem.quote(e.text()), DECIMAL_EXPECTED);
                }
            }
            if (name.endsWith("Date") && e.children().isEmpty() && !isoDate(e.text())) {
                findings.at(e, format, "date", Problem.quote(e.text()),
                        "an ISO 8601 date YYYY-MM-DD, such as 2025-03-01");
            }
            if (name.endsWith("CurrencyCode") && e.children().isEmpty()) {
                currency(e, e.text(), findings);
            }
            String currencyId = e.attributes().get("currencyID");
            if (currencyId != null) {
                currency(e, currencyId, findings);
            }
            String unitCode = e.attributes().get("unitCode");
            if (unitCode != null && !UNIT_CODE.matcher(unitCode).matches()) {
                findings.at(e, Severity.WARNING, "unit-code", "unitCode=" + Problem.quote(unitCode),
                        "a UN/ECE recommendation 20 unit code: two or three upper-case letters or digits, such as "
                                + "C62 (one), H87 (piece), KGM (kilogram)");
            }
        }
    }

    private static void currency(LocatedElement e, String code, Findings findings) {
        if (!CURRENCIES.contains(code)) {
            findings.at(e, Severity.WARNING, "currency-code", Problem.quote(code),
                    "an ISO 4217 currency code, such as EUR, SEK or USD");
        }
    }

    private static boolean isoDate(String text) {
        var m = ISO_DATE.matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.parse(m.group(1));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The quantity's value when it is a number, for the rules that check its sign. */
    static java.util.Optional<java.math.BigDecimal> decimal(String text) {
        return DECIMAL.matcher(text).matches() ? java.util.Optional.of(new java.math.BigDecimal(
                text.startsWith("+") ? text.substring(1) : text)) : java.util.Optional.empty();
    }
}
