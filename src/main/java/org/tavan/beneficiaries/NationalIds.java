package org.tavan.beneficiaries;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.tavan.config.TavanConfig;
import org.tavan.errors.InvalidInput;

/**
 * Iranian national IDs (کد ملی): validated by their check digit, then kept only as an
 * HMAC-SHA256 under a key that never enters the database — so a copy of the database cannot be
 * turned back into ID numbers by hashing all 10^9 candidates — plus the last three digits.
 */
public final class NationalIds {

    static final String KEY_FILE = "national-id.key";
    private final SecretKeySpec key;

    public NationalIds(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The national ID key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The key file {@code national-id.key} in the data directory (base64 of 32 random bytes),
     * created with owner-only permissions on first start. Every instance that shares one
     * database must have the same file, or duplicates go unnoticed (see docs/allocation.md).
     */
    public static NationalIds fromConfig(TavanConfig config) {
        Path file = config.dataDir().resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(config.dataDir());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(config.dataDir(), KEY_FILE, ".tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the directory's own permissions protect it.
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new NationalIds(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the national ID key " + file + ": " + e.getMessage(), e);
        }
    }

    /** 10 digits, not all equal, check digit by the mod-11 rule. */
    public static boolean valid(String id) {
        if (id == null || !id.matches("[0-9]{10}") || id.chars().distinct().count() == 1) {
            return false;
        }
        return id.charAt(9) - '0' == checkDigit(id);
    }

    /** The ID with the check digit the mod-11 rule gives its first nine digits (demo and test data). */
    public static String withCheckDigit(String nineDigits) {
        if (nineDigits == null || !nineDigits.matches("[0-9]{9}")) {
            throw new IllegalArgumentException("Nine digits are needed, got '" + nineDigits + "'");
        }
        return nineDigits + checkDigit(nineDigits);
    }

    private static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int r = sum % 11;
        return r < 2 ? r : 11 - r;
    }

    /** Accepts Persian and Arabic-Indic digits and surrounding spaces or dashes, as people type them. */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (c >= '۰' && c <= '۹') {
                sb.append((char) ('0' + c - '۰'));
            } else if (c >= '٠' && c <= '٩') {
                sb.append((char) ('0' + c - '٠'));
            } else if (c != ' ' && c != '-') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The checked, normalised ID, or InvalidInput naming {@code field}. */
    static String require(String field, String raw) {
        String id = normalise(raw);
        if (!valid(id)) {
            throw new InvalidInput(field, "Not a valid national ID: 10 digits with a correct check digit");
        }
        return id;
    }

    String hash(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lastDigits(String id) {
        return id.substring(7);
    }
}
