import type { Request } from 'express';
import type { VersionLoaders } from '../versions/version.loaders.js';

export interface GraphQLContext {
  req: Request;
  loaders: VersionLoaders;
}
