import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of agp.jar (run by Maven after the shade plugin, with ASM on the class path): rewrites every
 * pre-Java-6 class file in the jar (picocli's, compiled for Java 5) as a Java 8 class file with stack map
 * frames, the same code otherwise.
 *
 * <p>Why: JDK 17 verifies an old class file with the old, inferencing verifier at every start, even when a
 * class-data sharing archive holds it; a Java 8 class file is verified once, when the archive is made. That
 * is about 10 ms of every {@code agp} start (picocli's classes are the first the tool runs).
 *
 * <p>Every rewritten class is then loaded from the new jar and linked (so verified, with the new verifier)
 * in this JVM: a frame computed wrong fails the build here, not the tool at run time.
 *
 * <p>Usage: {@code java -cp asm.jar UpgradeOldClassFiles.java path/to/agp.jar}
 */
public final class UpgradeOldClassFiles {

  private static final int JAVA_6 = 50;

  private UpgradeOldClassFiles() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: UpgradeOldClassFiles JAR");
    }
    Path jar = Path.of(args[0]);
    Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgraded");
    List<String> classes;
    try {
      classes = rewrite(jar, upgraded);
      linkEach(upgraded, classes);
    } catch (Exception | Error e) {
      Files.deleteIfExists(upgraded);
      throw e;
    }
    Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("[agp] " + jar.getFileName() + ": " + classes.size()
        + " pre-Java-6 class files rewritten as Java 8 class files");
  }

  /** Copies the jar entry by entry, in order, rewriting old class files; returns their class names. */
  private static List<String> rewrite(Path jar, Path upgraded) throws IOException {
    List<String> rewritten = new ArrayList<>();
    int entries = 0;
    // Superclasses are looked up in the jar itself (picocli's own) and the JDK, never in this program.
    try (URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        InputStream file = Files.newInputStream(jar);
        ZipInputStream in = new ZipInputStream(file);
        OutputStream out = Files.newOutputStream(upgraded);
        ZipOutputStream copy = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries++;
        byte[] bytes = in.readAllBytes();
        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/") && majorVersion(bytes) < JAVA_6) {
          bytes = toJava8(bytes, hierarchy);
          rewritten.add(entry.getName().substring(0, entry.getName().length() - ".class".length()).replace('/', '.'));
        }
        ZipEntry written = new ZipEntry(entry.getName());
        written.setTime(entry.getTime());
        // The manifest's JAR marker (an extra field) and any other extra data, as they were.
        if (entry.getExtra() != null) {
          written.setExtra(entry.getExtra());
        }
        copy.putNextEntry(written);
        copy.write(bytes);
        copy.closeEntry();
      }
    }
    if (entries == 0) {
      throw new IllegalStateException(jar + " is not a jar: no entries");
    }
    return rewritten;
  }

  private static int majorVersion(byte[] classFile) {
    if (classFile.length < 8 || (classFile[0] & 0xff) != 0xca || (classFile[1] & 0xff) != 0xfe) {
      throw new IllegalStateException("not a class file");
    }
    return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
  }

  private static byte[] toJava8(byte[] classFile, ClassLoader hierarchy) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return hierarchy;
      }
    };
    // COMPUTE_FRAMES refuses jsr/ret (pre-Java-6 finally blocks): such a class fails the build, loudly.
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  /** Loads and links every rewritten class from the new jar: linking verifies it. */
  private static void linkEach(Path jar, List<String> classes) throws IOException, ClassNotFoundException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      for (String name : classes) {
        try {
          Class<?> type = Class.forName(name, false, loader);
          // HotSpot links a class (and so verifies it) before it lists its methods; no initialiser runs.
          type.getDeclaredMethods();
        } catch (VerifyError | ClassFormatError e) {
          throw new IllegalStateException("the rewritten " + name + " does not verify: " + e, e);
        }
      }
    }
  }
}
