package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.concurrency.playground.experiment.analysis.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenRfc4180RequiresIt() {
        assertEquals("cas-loop", Csv.field("cas-loop"));
        assertEquals("", Csv.field(""));
        assertEquals("", Csv.field(null));
        assertEquals("with space", Csv.field("with space"));
        assertEquals("\"locks, atomics\"", Csv.field("locks, atomics"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\"carriage\rreturn\"", Csv.field("carriage\rreturn"));
        assertEquals("\"a, \"\"b\"\"\r\nc\"", Csv.field("a, \"b\"\r\nc"));
        // The character that forces quoting may stand first, too.
        assertEquals("\",x\"", Csv.field(",x"));
        assertEquals("\"\"\"x\"", Csv.field("\"x"));
        assertEquals("\"\rx\"", Csv.field("\rx"));
        assertEquals("\"\nx\"", Csv.field("\nx"));
    }

    @Test
    void decimalsArePlainAndExactWhateverTheirSize() {
        assertEquals("7499237429.427502", Csv.decimal(7.499237429427502E9));
        assertEquals("10000000000.0", Csv.decimal(1e10));
        assertEquals("0.0", Csv.decimal(-0.0));
        assertEquals("0.0000001", Csv.decimal(1e-7));
        assertEquals("0.266693783044109", Csv.decimal(0.266693783044109));
        assertEquals("1.0", Csv.decimal(1.0));
        assertEquals("-2.5", Csv.decimal(-2.5));
        assertEquals("", Csv.decimal(null));
        assertEquals("", Csv.decimal(Double.NaN));
        assertEquals("", Csv.decimal(Double.POSITIVE_INFINITY));
        assertEquals(0.1 + 0.2, Double.parseDouble(Csv.decimal(0.1 + 0.2)));
    }

    /** OWASP's list of first characters that make a spreadsheet evaluate a cell: each gets a leading quote. */
    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1", "-1", "@SUM(A1:A9)", "\tcmd", "\r=cmd", "=", "-", "=HYPERLINK(\"http://x\")"})
    void textThatASpreadsheetWouldEvaluateGetsALeadingQuote(String text) {
        assertEquals("'" + text, Csv.neutralise(text));
        assertEquals(List.of(List.of("'" + text)), Rfc4180.parse(Csv.withHeader(List.of("c")).row(text).toString())
                .subList(1, 2), "the cell reads back as the quoted text");
    }

    @Test
    void neutralisationComesBeforeQuoting() {
        assertEquals("'=1+2", Csv.cell("=1+2"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-1", Csv.cell("-1"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("\"'=1,2\"", Csv.cell("=1,2"));
        assertEquals("\"'-say \"\"hi\"\"\"", Csv.cell("-say \"hi\""));
    }

    @Test
    void tabAndCarriageReturnAreNeutralisedToo() {
        assertEquals("'\tcmd", Csv.cell("\tcmd"));
        assertEquals("\"'\r=cmd\"", Csv.cell("\r=cmd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "cas-loop", "sweep 1", " =leading space", "a=b", "a-b", "1-2", "'quoted", "\n=lf",
        "x@y", "é=", "∑=1"})
    void otherTextIsLeftAsItIs(String text) {
        assertEquals(text, Csv.neutralise(text));
        assertEquals(Csv.field(text), Csv.cell(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingAndEmptyTextStayAsTheyAre(String text) {
        assertEquals(text, Csv.neutralise(text));
    }

    @Test
    void numbersAreNeverNeutralised() {
        assertEquals("-3", Csv.cell(-3L));
        assertEquals("-1", Csv.cell(-1));
        assertEquals("-2.5", Csv.cell(-2.5));
        assertEquals("-0.0000001", Csv.cell(-1e-7));
        assertEquals("-9223372036854775808", Csv.cell(Long.MIN_VALUE));
        assertEquals("0.0", Csv.cell(-0.0));
        assertEquals("42", Csv.cell(42));
    }

    @Test
    void otherCellTypes() {
        assertEquals("", Csv.cell(null));
        assertEquals("true", Csv.cell(true));
        assertEquals("false", Csv.cell(false));
        assertEquals("2026-11-25T00:20:39.212Z", Csv.cell(Instant.parse("2026-11-25T00:20:39.212Z")));
        assertEquals("2026-11-25T00:20:39Z", Csv.cell(Instant.parse("2026-11-25T00:20:39Z")));
        // An enum's CSV form must be chosen by the writer (name() or id()), never guessed.
        assertThrows(IllegalArgumentException.class, () -> Csv.cell(Verdict.CORRUPTED));
        assertThrows(IllegalArgumentException.class, () -> Csv.cell(1.5f));
    }

    @Test
    void theHeaderIsAlwaysThereAndEveryRecordEndsInCrlf() {
        assertEquals("a,b\r\n", Csv.withHeader(List.of("a", "b")).toString());
        assertEquals("a,b\r\n1,\r\n,x\r\n", Csv.withHeader(List.of("a", "b")).row(1, null).row(null, "x").toString());
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        Csv csv = Csv.withHeader(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> csv.row(1));
        assertThrows(IllegalArgumentException.class, () -> csv.row(1, 2, 3));
    }

    @Test
    void theTestParserReadsRfc4180AndRefusesWhatIsNot() {
        assertEquals(List.of(List.of("a", "b,c"), List.of("", "say \"hi\"\r\nbye")),
                Rfc4180.parse("a,\"b,c\"\r\n,\"say \"\"hi\"\"\r\nbye\"\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180.parse("a,b"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180.parse("a\nb\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180.parse("a\"b\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180.parse("\"a\r\n"));
    }
}
