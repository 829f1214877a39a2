package dev.hetplace.planner.run;

import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;

/** A run asked for a model without naming one (blank); the command line words it with its own option. */
public final class NoModelException extends SettingException {
    public NoModelException() {
        super(w -> "no model named (a zoo name from `" + w.name(Setting.MODELS) + "` or an .onnx path)");
    }
}
