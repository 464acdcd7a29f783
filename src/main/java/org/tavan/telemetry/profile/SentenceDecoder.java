package org.tavan.telemetry.profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.RigEvent;

/**
 * One port, several kinds of line: each data sentence is known by its tag (the first field, e.g.
 * {@code $WLK} or {@code $WLS}) and decoded by its own layout; a banner (what a rig prints when it
 * boots) is known by its first characters, carries no checksum and becomes one rig event. As an
 * encoder it writes the first data sentence; {@link #encodeAll} writes every sentence the content
 * has something for, as a rig sends a status line next to its data line.
 */
final class SentenceDecoder implements FrameDecoder, FrameEncoder {

    record Banner(String prefix, Layout.EventCode event) {
    }

    /** A data sentence ({@code tag}, {@code layout}, decoder, encoder) or a {@code banner}. */
    record Sentence(String name, String tag, Layout layout, FrameDecoder decoder, FrameEncoder encoder, Banner banner) {
    }

    private final List<Sentence> sentences;
    private final String separator;
    private final int maxFrameBytes;

    SentenceDecoder(List<Sentence> sentences, String separator, int maxFrameBytes) {
        this.sentences = List.copyOf(sentences);
        this.separator = separator;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The data sentences' layouts in file order (a profile of banners only has none, which the reader refuses). */
    List<Layout> layouts() {
        return sentences.stream().filter(s -> s.banner() == null).map(Sentence::layout).toList();
    }

    @Override
    public DecodedFrame decode(byte[] frame) throws FrameRejected {
        if (frame == null || frame.length == 0) {
            throw new FrameRejected("syntax", "empty frame");
        }
        if (frame.length > maxFrameBytes) {
            throw new FrameRejected("too_long", "frame of " + frame.length + " bytes is longer than the profile's " + maxFrameBytes);
        }
        String start = new String(frame, 0, Math.min(frame.length, 64), StandardCharsets.ISO_8859_1);
        for (Sentence s : sentences) {
            if (s.banner() != null && start.startsWith(s.banner().prefix())) {
                String text = new String(frame, StandardCharsets.ISO_8859_1).strip();
                Layout.EventCode e = s.banner().event();
                String description = e.description().isEmpty() ? FieldText.shorten(text) : e.description() + ": "
                        + FieldText.shorten(text);
                return new DecodedFrame(OptionalLong.empty(), Optional.empty(), List.of(),
                        List.of(new RigEvent(e.kind(), s.name(), description)));
            }
        }
        int cut = start.indexOf(separator);
        String tag = cut < 0 ? start : start.substring(0, cut);
        for (Sentence s : sentences) {
            if (s.banner() == null && s.tag().equals(tag)) {
                return s.decoder().decode(frame);
            }
        }
        throw new FrameRejected("syntax", "no sentence of the profile starts '" + FieldText.shorten(tag) + "'");
    }

    @Override
    public byte[] encode(FrameContent content) {
        return encodeAll(content).get(0);
    }

    /**
     * The first data sentence always; each further one when the content has a value or an event
     * code for it. Event codes are numbered across sentences in file order.
     */
    @Override
    public List<byte[]> encodeAll(FrameContent content) {
        List<byte[]> out = new ArrayList<>();
        int codeIndex = 0;
        boolean first = true;
        for (Sentence s : sentences) {
            if (s.banner() != null) {
                continue;
            }
            int n = s.layout().events().size();
            List<String> codes = new ArrayList<>();
            boolean hasCode = false;
            for (int k = 0; k < n; k++) {
                String code = codeIndex + k < content.eventCodes().size() ? content.eventCodes().get(codeIndex + k) : "";
                codes.add(code);
                hasCode |= code != null && !code.isEmpty();
            }
            codeIndex += n;
            boolean hasValue = s.layout().values().stream().anyMatch(v -> content.values().containsKey(v.name()));
            if (first || hasValue || hasCode) {
                out.add(s.encoder().encode(new FrameContent(content.sequence(), content.deviceTime(), content.bootTime(),
                        content.values(), codes)));
            }
            first = false;
        }
        return out;
    }

    /** What a rig of this profile prints when it starts, if the profile knows a banner: its prefix. */
    Optional<String> bannerPrefix() {
        return sentences.stream().filter(s -> s.banner() != null).map(s -> s.banner().prefix()).findFirst();
    }
}
