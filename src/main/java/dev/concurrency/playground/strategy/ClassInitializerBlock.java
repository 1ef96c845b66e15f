package dev.concurrency.playground.strategy;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;

/**
 * Never loaded as itself: its bytes are the template of the hidden classes that {@link ClassInitializerCounter}
 * defines, one per block, each of which runs, as its static initializer, the action handed to it as class data.
 * A block so run has a class initializer on its stack, which is what pins a virtual thread.
 */
final class ClassInitializerBlock {

    static {
        try {
            MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, Runnable.class).run();
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ClassInitializerBlock() {
    }
}
