package dev.hetplace.planner.report;

import dev.hetplace.cost.Option;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;

/**
 * The part of a plan's group time that TVM's VTA runtime spends around its VTA kernels (cost-models'
 * {@code VtaRuntimeOverhead}, carried as the launch share of each VTA group's cost): {@code ns} over
 * {@code kernels} VTA groups, whose kernels alone take {@code kernelNs}.
 */
record VtaRuntimeTotal(long ns, long kernelNs, int kernels) {

    static VtaRuntimeTotal of(PlacementProblem p, Plan plan) {
        long ns = 0;
        long kernelNs = 0;
        int kernels = 0;
        for (int g = 0; g < p.groupCount(); g++) {
            Option o = p.option(g, plan.choice()[g]);
            boolean vta = p.table().platform().device(o.choice().device()).map(Device::kind)
                    .filter(k -> k == DeviceKind.VTA).isPresent();
            if (vta) {
                ns += o.cost().breakdown().launchNs();
                kernelNs += o.cost().timeNs() - o.cost().breakdown().launchNs();
                kernels++;
            }
        }
        return new VtaRuntimeTotal(ns, kernelNs, kernels);
    }
}
