package org.tavan.production;

import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.tavan.errors.InvalidInput;

/**
 * A print-ready HTML page of QR labels, one per unit. The QR code holds the bare serial
 * number, so any scanner app or the tablet camera reads it as typed text. Sizes are in
 * millimetres and {@code @page} sets the paper, so printing at 100 % (no "fit to page")
 * lands each label on its die-cut place.
 */
final class LabelSheet {

    /** Common label stock. */
    enum Layout {
        /** A4 sheet, 3 columns × 8 rows of 70 × 37 mm labels (e.g. Avery 3474 style). */
        A4_3X8("a4-3x8", 70, 37, 32),
        /** Thermal roll, one 50 × 25 mm label per page. */
        ROLL_50X25("roll-50x25", 50, 25, 21);

        int perSheet() {
            return this == A4_3X8 ? 24 : 1;
        }

        final String code;
        final int widthMm;
        final int heightMm;
        final int qrMm;

        Layout(String code, int widthMm, int heightMm, int qrMm) {
            this.code = code;
            this.widthMm = widthMm;
            this.heightMm = heightMm;
            this.qrMm = qrMm;
        }

        static Layout parse(String code) {
            if (code == null || code.isBlank()) {
                return A4_3X8;
            }
            for (Layout l : values()) {
                if (l.code.equals(code)) {
                    return l;
                }
            }
            throw new InvalidInput("layout", "Label layout must be a4-3x8 or roll-50x25");
        }
    }

    record Label(String serial, String modelNameFa, String modelName, String variantName, long workOrderId) {
    }

    /** {@code styleNonce} lets the page's Content-Security-Policy accept the inline print layout. */
    String render(List<Label> labels, Layout layout, String styleNonce) {
        StringBuilder html = new StringBuilder(4096 + labels.size() * 6000);
        html.append("<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">")
                .append("<title>برچسب‌ها / Labels</title><style nonce=\"").append(escape(styleNonce)).append("\">")
                .append(css(layout))
                .append("</style></head><body><div class=\"sheet\">");
        int perSheet = layout.perSheet();
        int placed = 0;
        for (Label label : labels) {
            if (placed > 0 && placed % perSheet == 0) {
                html.append("</div><div class=\"sheet\">");
            }
            placed++;
            html.append("<div class=\"label\" data-serial=\"").append(escape(label.serial())).append("\">")
                    .append(qrSvg(label.serial(), layout.qrMm))
                    .append("<div class=\"text\"><bdi class=\"serial\" dir=\"ltr\">").append(escape(label.serial()))
                    .append("</bdi><div>").append(escape(label.modelNameFa())).append("</div>");
            if (layout == Layout.A4_3X8) {
                html.append("<div dir=\"ltr\">").append(escape(label.modelName())).append("</div>");
            }
            html.append("<div dir=\"ltr\">").append(escape(label.variantName())).append(" · WO ")
                    .append(label.workOrderId()).append("</div></div></div>");
        }
        return html.append("</div></body></html>").toString();
    }

    private static String css(Layout layout) {
        String page = layout == Layout.A4_3X8 ? "A4" : layout.widthMm + "mm " + layout.heightMm + "mm";
        // One .sheet per printed page, each a fixed-size box that ends with a page break: the
        // grid's 8 × 37 mm = 296 mm sit 0.5 mm below the top of every A4 page (297 mm), the
        // same on page 2 as on page 1, whatever the browser does with breaks inside a grid.
        String sheet = layout == Layout.A4_3X8
                ? ".sheet{box-sizing:border-box;width:210mm;height:297mm;overflow:hidden;padding-top:0.5mm;"
                  + "display:grid;grid-template-columns:repeat(3,70mm);grid-template-rows:repeat(8,37mm);"
                  + "align-content:start;break-after:page;}"
                : ".sheet{width:50mm;height:25mm;overflow:hidden;break-after:page;}";
        return "@page{size:" + page + ";margin:0}"
                + "body{margin:0;font-family:Vazirmatn,Tahoma,sans-serif;}"
                + sheet
                + ".label{box-sizing:border-box;width:" + layout.widthMm + "mm;height:" + layout.heightMm + "mm;"
                + "display:flex;align-items:center;gap:1.5mm;padding:1.5mm;overflow:hidden;}"
                + ".label svg{width:" + layout.qrMm + "mm;height:" + layout.qrMm + "mm;flex:none;}"
                + ".text{font-size:" + (layout == Layout.A4_3X8 ? "7.5pt" : "6pt") + ";line-height:1.25;}"
                + ".serial{font-family:monospace;font-weight:bold;font-size:" + (layout == Layout.A4_3X8 ? "8pt" : "6.5pt") + ";}"
                + ".sheet:last-child{break-after:auto;}"
                + "@media screen{.label{outline:1px dashed #bbb;}.sheet{margin-bottom:4mm;}}";
    }

    /** The QR code as one SVG path of dark modules, with a two-module quiet zone. */
    static String qrSvg(String text, int sizeMm) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException("Cannot encode " + text + " as QR: " + e.getMessage(), e);
        }
        int w = matrix.getWidth();
        int hgt = matrix.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < hgt; y++) {
            for (int x = 0; x < w; x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + hgt + "\" width=\"" + sizeMm
                + "mm\" height=\"" + sizeMm + "mm\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR "
                + escape(text) + "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
                + path + "\"/></svg>";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
