/**
 * Why tfjs-node / tfjs-node-gpu could not be used, in words a user can act on. tfjs-node-gpu 4.x links against
 * CUDA 11.2 and cuDNN 8.1 (libcudart.so.11.0, libcudnn.so.8): a machine with a newer CUDA has the package
 * installed and still cannot load it, which deserves its own message rather than a raw dlopen error.
 */
export type NativeBackendFailure = 'not-installed' | 'cuda-missing' | 'native-binding-missing' | 'other';

export interface NativeBackendReason {
  readonly kind: NativeBackendFailure;
  readonly message: string;
}

const CUDA_LIBRARY = /lib(cudart|cudnn|cublas|cublasLt|cufft|curand|cusolver|cusparse|cuda)\b[\w.]*\.so/i;

export function nativeBackendReason(moduleName: string, err: unknown): NativeBackendReason {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const text = err instanceof Error ? err.message : String(err);
  // A missing package names itself; a missing file *inside* it (its .node binding) names another path.
  if (code === 'MODULE_NOT_FOUND' && text.includes(`'${moduleName}'`)) return { kind: 'not-installed', message: `${moduleName} is not installed` };
  const lib = CUDA_LIBRARY.exec(text);
  if (lib) {
    return {
      kind: 'cuda-missing',
      message: `${moduleName} is installed but the CUDA libraries it links against are missing (${lib[0]}): tfjs-node-gpu needs CUDA 11.2 and cuDNN 8.1 on the library path`,
    };
  }
  if (text.includes('tfjs_binding') || /libtensorflow/i.test(text)) {
    return { kind: 'native-binding-missing', message: `${moduleName} is installed but its native library did not load (reinstall it so its install script downloads libtensorflow): ${text.split('\n')[0]}` };
  }
  return { kind: 'other', message: `${moduleName} failed to load: ${text.split('\n')[0]}` };
}
