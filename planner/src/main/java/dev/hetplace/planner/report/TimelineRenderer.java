package dev.hetplace.planner.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws timeline bars as SVG text or a PNG image (headless), with a millisecond axis and row labels. */
public final class TimelineRenderer {
    private static final int WIDTH = 1200;
    private static final int LEFT = 90;
    private static final int ROW = 40;
    private static final int TOP = 40;

    private TimelineRenderer() {
    }

    static List<String> rows(List<TimelineBar> bars) {
        List<String> rows = new ArrayList<>();
        for (TimelineBar b : bars) {
            if (!b.row().equals("crossings") && !rows.contains(b.row())) {
                rows.add(b.row());
            }
        }
        rows.add("crossings");
        return rows;
    }

    private static long end(List<TimelineBar> bars) {
        return Math.max(1, bars.stream().mapToLong(TimelineBar::endNs).max().orElse(1));
    }

    public static String svg(List<TimelineBar> bars, String title) {
        List<String> rows = rows(bars);
        long total = end(bars);
        int height = TOP + rows.size() * ROW + 40;
        double scale = (WIDTH - LEFT - 20) / (double) total;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", LEFT, esc(title)));
        for (int i = 0; i < rows.size(); i++) {
            s.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">%s</text>%n", TOP + i * ROW + 24,
                    esc(rows.get(i))));
        }
        for (TimelineBar b : bars) {
            int row = rows.indexOf(b.row());
            double x = LEFT + b.startNs() * scale;
            double w = Math.max(0.5, (b.endNs() - b.startNs()) * scale);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" "
                    + "stroke=\"white\" stroke-width=\"0.5\"><title>%s: %.1f us</title></rect>%n", x, TOP + row * ROW + 6,
                    w, ROW - 12, b.color(), esc(b.label()), (b.endNs() - b.startNs()) / 1000.0));
        }
        int axisY = TOP + rows.size() * ROW + 10;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT,
                axisY, WIDTH - 20, axisY));
        for (int k = 0; k <= 5; k++) {
            double x = LEFT + (WIDTH - LEFT - 20) * k / 5.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f ms</text>%n", x,
                    axisY + 16, total * k / 5.0 / 1e6));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    public static byte[] png(List<TimelineBar> bars, String title) {
        System.setProperty("java.awt.headless", "true");
        List<String> rows = rows(bars);
        long total = end(bars);
        int height = TOP + rows.size() * ROW + 40;
        double scale = (WIDTH - LEFT - 20) / (double) total;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, LEFT, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < rows.size(); i++) {
            g.drawString(rows.get(i), 8, TOP + i * ROW + 24);
        }
        for (TimelineBar b : bars) {
            int row = rows.indexOf(b.row());
            int x = (int) Math.round(LEFT + b.startNs() * scale);
            int w = (int) Math.max(1, Math.round((b.endNs() - b.startNs()) * scale));
            g.setColor(Color.decode(b.color()));
            g.fillRect(x, TOP + row * ROW + 6, w, ROW - 12);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        int axisY = TOP + rows.size() * ROW + 10;
        g.drawLine(LEFT, axisY, WIDTH - 20, axisY);
        for (int k = 0; k <= 5; k++) {
            int x = LEFT + (WIDTH - LEFT - 20) * k / 5;
            g.drawString(String.format(Locale.ROOT, "%.2f ms", total * k / 5.0 / 1e6), x - 20, axisY + 16);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
