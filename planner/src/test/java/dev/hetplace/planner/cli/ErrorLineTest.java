package dev.hetplace.planner.cli;

import dev.hetplace.planner.run.ErrorLine;
import dev.hetplace.planner.run.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ErrorLineTest {
    @Test
    void aLongMessageKeepsItsStartAndItsEnd() {
        String line = ErrorLine.of("place", "board.json: devices[0].name: '" + "n".repeat(100_000) + "' is too long");
        assertThat(line).hasSize(ErrorLine.MAX_CHARS).startsWith("place: board.json: devices[0].name: 'nnn")
                .contains(" [...] ").endsWith("nnn' is too long");
    }

    @Test
    void controlCharactersAreEscapedAndLineBreaksBecomeSpaces() {
        assertThat(ErrorLine.of("place", "a\nb\r\nc\u0000d\u001b[1m\te\u200bf"))
                .isEqualTo("place: a b  c\\x00d\\x1b[1m\\te\\u200bf");
    }

    @Test
    void aBugIsOneLineNamingTheExceptionAndWhereItWasThrown() {
        StringWriter err = new StringWriter();
        int code = ErrorLine.internal("place", new ArithmeticException("/ by zero"), new PrintWriter(err));
        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("place: internal error ArithmeticException at ErrorLineTest.aBugIsOneLine")
                .contains("/ by zero", ErrorLine.TRACE_VARIABLE);
    }
}
