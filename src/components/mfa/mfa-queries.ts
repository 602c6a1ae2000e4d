"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { MfaEnrollmentView, MfaFactorsView, MfaPolicyView, MfaVerifiedView, RecoveryCodesView } from "@/lib/mfa-views";
import type { Role } from "@/lib/permissions";

export const mfaKeys = {
  factors: () => ["mfa", "factors"] as const,
  policy: (org: string) => ["mfa", "policy", org] as const,
};

export function useMfaFactors() {
  return useQuery({ queryKey: mfaKeys.factors(), queryFn: () => api.get<MfaFactorsView>("/api/auth/mfa/factors") });
}

export function useEnrollFactor() {
  return useMutation({ mutationFn: (friendlyName: string) => api.post<MfaEnrollmentView>("/api/auth/mfa/enroll", { friendlyName }) });
}

export function useVerifyFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { factorId: string; code: string }) => api.post<MfaVerifiedView>("/api/auth/mfa/verify", input),
    onSuccess: () => client.invalidateQueries({ queryKey: mfaKeys.factors() }),
  });
}

export function useRecoverWithCode() {
  return useMutation({ mutationFn: (code: string) => api.post<MfaVerifiedView>("/api/auth/mfa/recover", { code }) });
}

export function useRemoveFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (factorId: string) => api.delete(`/api/auth/mfa/factors/${factorId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: mfaKeys.factors() }),
  });
}

export function useRegenerateRecoveryCodes() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RecoveryCodesView>("/api/auth/mfa/recovery-codes"),
    onSuccess: () => client.invalidateQueries({ queryKey: mfaKeys.factors() }),
  });
}

export function useMfaPolicy(org: string) {
  return useQuery({ queryKey: mfaKeys.policy(org), queryFn: () => api.get<MfaPolicyView>("/api/organization/mfa-policy", { orgId: org }) });
}

export function useUpdateMfaPolicy(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (requiredRoles: Role[]) => api.put<MfaPolicyView>("/api/organization/mfa-policy", { requiredRoles }, { orgId: org }),
    onSuccess: (data) => client.setQueryData(mfaKeys.policy(org), data),
  });
}
