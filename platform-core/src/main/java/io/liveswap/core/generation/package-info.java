/**
 * What the generated fronts of a unit share (adapters and interposers, {@link io.liveswap.core.adapter} and
 * {@link io.liveswap.core.interposition}): the class loader that defines them
 * ({@link io.liveswap.core.generation.FrontLoader}) and the bytecode idioms they are written with
 * ({@link io.liveswap.core.generation.Bytecode}). The unit proxy has its own generator in
 * {@link io.liveswap.core.proxy}.
 */
package io.liveswap.core.generation;
