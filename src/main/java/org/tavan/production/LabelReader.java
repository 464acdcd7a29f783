package org.tavan.production;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads the QR code of a unit's label from a photo the tablet's camera took. Decoding happens
 * on the server (zxing, already used to draw the labels) so every tablet that can take a photo
 * can scan, whatever its browser supports.
 */
final class LabelReader {

    /** Photos wider or taller than this are not decoded (the page scales them down first). */
    static final int MAX_SIDE = 4_000;

    private LabelReader() {
    }

    /** The text of the QR code in the photo; empty if there is none or it cannot be read. */
    static Optional<String> read(InputStream photo) throws NotAnImage {
        BufferedImage image;
        try {
            image = ImageIO.read(photo);
        } catch (IOException e) {
            throw new NotAnImage();
        }
        if (image == null || image.getWidth() > MAX_SIDE || image.getHeight() > MAX_SIDE) {
            throw new NotAnImage();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        Map<DecodeHintType, Object> hints = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE));
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, hints).getText().strip());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException e) {
            return Optional.empty();
        }
    }

    /** The upload is not an image ImageIO can read (JPEG, PNG, GIF, BMP), or it is too large. */
    static final class NotAnImage extends Exception {
        NotAnImage() {
            super(null, null, false, false);
        }
    }
}
