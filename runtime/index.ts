export { Coroutine, type GeneratorState } from "./coroutine.js";
export { From, from, from as yieldFrom } from "./from.js";
export { coroutine, track, type GeneratorFunctionLike, type CoroutineFunction } from "./wrap.js";
export { send, next, throwInto, close, getGeneratorState, getYieldFrom, type GeneratorLike } from "./functions.js";
export { StopIteration, GeneratorExit, RuntimeError } from "./errors.js";
