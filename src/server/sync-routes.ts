/** The station side of the centre: /sync/v1/* (enrol, push, pull, snapshot, nudges). */
import type { FastifyPluginAsync } from 'fastify';
import type { CentralContext } from './context';

export const syncRoutes: FastifyPluginAsync<{ central: CentralContext }> = async () => {};
