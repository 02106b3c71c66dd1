/** The central admin API: /central/v1/* behind central sign-in. */
import type { FastifyPluginAsync } from 'fastify';
import type { CentralContext } from './context';

export const adminRoutes: FastifyPluginAsync<{ central: CentralContext }> = async () => {};
