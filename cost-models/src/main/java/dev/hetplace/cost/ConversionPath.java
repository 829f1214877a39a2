package dev.hetplace.cost;

import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps a tensor takes from its producer's representation to a consumer's. Conversions (casts, layout
 * changes) happen on a device that can do them: on a GPU when one is involved, otherwise on the receiving
 * device, except that VTA has no float unit and no layout engine, so a tensor bound for VTA is quantized and
 * packed on the sending CPU first. On one device, a tensor going to int8 is cast first and then laid out; a
 * tensor leaving int8 is laid out first and then cast, so layout changes always move int8 bytes.
 */
public final class ConversionPath {
    /** The last part of a synchronisation step's key. */
    public static final String SYNC = "sync";

    private final Platform platform;
    private final CrossingModel model;

    public ConversionPath(Platform platform, CrossingModel model) {
        this.platform = platform;
        this.model = model;
    }

    /** The steps, or empty when no device on the way can perform a needed conversion. */
    public Optional<List<CrossingStep>> steps(Choice from, Choice to, long elements) {
        List<CrossingStep> steps = new ArrayList<>();
        if (from.device().equals(to.device())) {
            return convertOn(device(from.device()), from, to, elements, steps) ? Optional.of(steps) : Optional.empty();
        }
        Device src = device(from.device());
        Device dst = device(to.device());
        Device converter = converterFor(src, dst);
        Optional<Link> link = platform.link(src.id(), dst.id());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        if (converter == src) {
            Choice converted = new Choice(src.id(), to.precision(), to.layout());
            if (!convertOn(src, from, converted, elements, steps)) {
                return Optional.empty();
            }
            steps.add(transfer(link.get(), to.precision(), elements));
        } else {
            steps.add(transfer(link.get(), from.precision(), elements));
        }
        long sync = model.syncNs(src, dst);
        if (sync > 0) {
            steps.add(new CrossingStep(CrossingStep.Kind.TRANSFER, syncKey(link.get()), sync));
        }
        if (converter != src) {
            Choice arrived = new Choice(dst.id(), from.precision(), from.layout());
            if (!convertOn(dst, arrived, to, elements, steps)) {
                return Optional.empty();
            }
        }
        return Optional.of(steps);
    }

    /** The key of a read-back's synchronisation step: paid once per tensor and route, whatever its precision. */
    public static String syncKey(Link link) {
        return "transfer:" + link.from() + "->" + link.to() + ":" + SYNC;
    }

    private CrossingStep transfer(Link link, Precision p, long elements) {
        return new CrossingStep(CrossingStep.Kind.TRANSFER, "transfer:" + link.from() + "->" + link.to() + ":" + p.id(),
                model.transferNs(link, elements * p.storageBytes()));
    }

    private static Device converterFor(Device src, Device dst) {
        if (src.kind() == DeviceKind.GPU) {
            return src;
        }
        if (dst.kind() == DeviceKind.GPU) {
            return dst;
        }
        return dst.kind() == DeviceKind.VTA ? src : dst;
    }

    private boolean convertOn(Device d, Choice from, Choice to, long elements, List<CrossingStep> steps) {
        boolean cast = from.precision() != to.precision();
        boolean relayout = from.layout() != to.layout();
        if (!cast && !relayout) {
            return true;
        }
        if (d.kind() == DeviceKind.VTA) {
            return false;
        }
        String at = "@" + d.id();
        if (to.precision() == Precision.INT8) {
            if (cast) {
                steps.add(castStep(d, from.precision(), to.precision(), elements, at));
            }
            if (relayout) {
                steps.add(layoutStep(d, from.layout(), to.layout(), to.precision(), elements, at));
            }
        } else {
            if (relayout) {
                steps.add(layoutStep(d, from.layout(), to.layout(), from.precision(), elements, at));
            }
            if (cast) {
                steps.add(castStep(d, from.precision(), to.precision(), elements, at));
            }
        }
        return true;
    }

    private CrossingStep castStep(Device d, Precision from, Precision to, long elements, String at) {
        return new CrossingStep(CrossingStep.Kind.CAST, "cast:" + to.id() + at, model.castNs(d, from, to, elements));
    }

    private CrossingStep layoutStep(Device d, Layout from, Layout to, Precision p, long elements, String at) {
        return new CrossingStep(CrossingStep.Kind.LAYOUT, "layout:" + to.id() + at,
                model.layoutNs(d, from, to, p, elements));
    }

    private Device device(String id) {
        return platform.device(id).orElseThrow(() -> new IllegalArgumentException(
                "no device '" + id + "' on platform " + platform.name()));
    }
}
