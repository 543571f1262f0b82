package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** Standard output tells a reader that went away from output that was lost, in any language. */
class StdoutTest {

  private static Stdout failingWith(String message, boolean pipe) {
    return new Stdout(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(message);
      }
    }, () -> pipe);
  }

  @Test
  void aFailedWriteToAPipeIsTheReaderGoingAwayWhateverTheLanguageOfTheError() {
    Stdout german = failingWith("Datenübergabe unterbrochen (broken pipe)", true);
    assertThatThrownBy(() -> german.write(1)).isInstanceOf(IOException.class);
    assertThat(german.lostBecause()).isNull();
  }

  @Test
  void aFailedWriteToAFileIsLostOutput() {
    Stdout full = failingWith("No space left on device", false);
    assertThatThrownBy(() -> full.write(new byte[] {1, 2}, 0, 2)).isInstanceOf(IOException.class);
    assertThat(full.lostBecause()).isEqualTo("No space left on device");
  }

  @Test
  void anEnglishBrokenPipeIsTheReaderGoingAwayEvenWhereTheStreamTypeIsUnknown() {
    Stdout english = failingWith("Broken pipe", false);
    assertThatThrownBy(() -> english.write(7)).isInstanceOf(IOException.class);
    assertThat(english.lostBecause()).isNull();
  }

  @Test
  void nothingFailedNothingLost() {
    assertThat(new Stdout(OutputStream.nullOutputStream(), () -> false).lostBecause()).isNull();
  }
}
