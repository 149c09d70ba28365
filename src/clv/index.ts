/** Public surface of the CLV engine: models, fitting, predictions, data preparation and CLV on profit. */
export { fitModel, type FitOptions, type FitResult } from './fit.ts';
export type { LikelihoodModel } from './model.ts';
export { compressRfm, totalWeight, type RfmData } from './rfm.ts';
export { minimize, type LbfgsOptions, type LbfgsResult, type Objective } from './optim/lbfgs.ts';
export { standardErrors, numericalHessian } from './optim/hessian.ts';
