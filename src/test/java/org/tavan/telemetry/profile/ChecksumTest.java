package org.tavan.telemetry.profile;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.profile.Checksum.Crc16.Variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksumTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Check values of the CRC catalogue (reveng): the CRC of the nine ASCII bytes "123456789". */
    @ParameterizedTest(name = "{0} of 123456789 is {1}")
    @CsvSource({"CRC-16/MODBUS, 4B37", "CRC-16/CCITT-FALSE, 29B1", "CRC-16/XMODEM, 31C3", "CRC-16/KERMIT, 2189"})
    void crc16_variants_match_the_published_check_values(String name, String check) {
        Variant variant = Variant.byName(name);
        byte[] data = ascii("123456789");
        assertThat(variant.compute(data, data.length)).isEqualTo(Integer.parseInt(check, 16));
    }

    @Test
    void nmea_checksum_of_a_published_sentence_verifies() throws FrameRejected {
        // The classic RMC example sentence from the NMEA 0183 literature.
        String sentence = "$GPRMC,081836,A,3751.65,S,14507.36,E,000.0,360.0,130998,011.3,E*62";
        byte[] body = new Checksum.NmeaXor().verify(ascii(sentence));
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo(sentence.substring(0, sentence.length() - 3));
    }

    @Test
    void nmea_checksum_accepts_lower_case_hex_and_refuses_a_wrong_one() throws FrameRejected {
        Checksum nmea = new Checksum.NmeaXor();
        byte[] framed = nmea.append(ascii("$DRM,1,2"));
        String lower = new String(framed, StandardCharsets.US_ASCII).toLowerCase().replace("$drm", "$DRM");
        assertThat(nmea.verify(ascii(lower))).isEqualTo(ascii("$DRM,1,2"));
        framed[framed.length - 1] ^= 1;
        assertThatThrownBy(() -> nmea.verify(framed)).isInstanceOf(FrameRejected.class)
                .extracting(e -> ((FrameRejected) e).reason()).isEqualTo("checksum");
    }

    @Test
    void crc_suffix_is_appended_and_verified_with_its_separator() throws FrameRejected {
        Checksum crc = new Checksum.Crc16(Variant.MODBUS, "#");
        byte[] framed = crc.append(ascii("123456789"));
        assertThat(new String(framed, StandardCharsets.US_ASCII)).isEqualTo("123456789#4B37");
        assertThat(crc.verify(framed)).isEqualTo(ascii("123456789"));
        assertThatThrownBy(() -> crc.verify(ascii("123456789#4B38"))).isInstanceOf(FrameRejected.class);
        assertThatThrownBy(() -> crc.verify(ascii("123456789"))).isInstanceOf(FrameRejected.class);
        assertThatThrownBy(() -> crc.verify(ascii("123456789#4B3"))).isInstanceOf(FrameRejected.class);
    }

    @Test
    void a_binary_modbus_crc_is_sent_low_byte_first_and_has_the_check_value() throws FrameRejected {
        Checksum crc = new Checksum.Binary(Variant.MODBUS, 0, true);
        byte[] framed = crc.append(ascii("123456789"));
        // 0x4B37, the catalogue's check value, low byte first as Modbus RTU sends it.
        assertThat(java.util.Arrays.copyOfRange(framed, 9, 11)).containsExactly(0x37, 0x4B);
        assertThat(crc.verify(framed)).isEqualTo(ascii("123456789"));
        framed[10] = 0x4C;
        assertThatThrownBy(() -> crc.verify(framed)).isInstanceOf(FrameRejected.class)
                .extracting(e -> ((FrameRejected) e).reason()).isEqualTo("checksum");
    }

    @Test
    void a_modbus_read_request_carries_its_published_crc() {
        // "01 03 00 00 00 0A C5 CD": read ten holding registers from unit 1, as in Modbus tutorials.
        assertThat(TransportReader.modbusRead(1, 3, 0, 10)).containsExactly(0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD);
    }

    @Test
    void a_covered_checksum_skips_what_the_profile_says_and_writes_decimal_digits() throws FrameRejected {
        Checksum.Algorithm xmodem = new Checksum.Algorithm("CRC-16/XMODEM", Variant.XMODEM);
        Checksum crc = new Checksum.Covered(xmodem, "*", 1, null, false, Checksum.TextEncoding.DECIMAL);
        byte[] framed = crc.append(ascii("$123456789"));
        // XMODEM of "123456789" is 0x31C3 = 12739: the '$' is not covered.
        assertThat(new String(framed, StandardCharsets.US_ASCII)).isEqualTo("$123456789*12739");
        assertThat(crc.verify(framed)).isEqualTo(ascii("$123456789"));
        Checksum afterTag = new Checksum.Covered(xmodem, "*", 0, ",", false, Checksum.TextEncoding.HEX);
        assertThat(new String(afterTag.append(ascii("$TAG,123456789")), StandardCharsets.US_ASCII)).isEqualTo("$TAG,123456789*31C3");
        Checksum withSeparator = new Checksum.Covered(Checksum.Algorithm.XOR, "*", 0, null, true, Checksum.TextEncoding.HEX);
        byte[] xored = withSeparator.append(ascii("AB"));
        assertThat(new String(xored, StandardCharsets.US_ASCII)).isEqualTo(String.format("AB*%02X", 'A' ^ 'B' ^ '*'));
        assertThatThrownBy(() -> crc.verify(ascii("$123456789*12738"))).isInstanceOf(FrameRejected.class);
    }
}
