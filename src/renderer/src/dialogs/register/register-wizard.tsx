import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { ArrowLeft, ArrowRight, LoaderCircle } from 'lucide-react'
import { useListingStore } from '../../listing/listing-store'
import { useSecretsStore } from '../../store/secrets-store'
import { useCertificateDraft } from '../secret-form/certificate-draft'
import { call } from '../ui/bridge'
import { CancelButton, DialogShell } from '../ui/dialog-shell'
import { FORM, hasErrors, routeError, without, type FieldErrors } from '../ui/field-errors'
import { FormAlert } from '../ui/form-alert'
import { focusFirstField, submitOnEnterInRadio } from '../ui/focus'
import { DetailsStep } from './details-step'
import { NameTakenOffer } from '../secret-form/name-taken-offer'
import { ReviewStep } from './review-step'
import { ScopeStep } from './scope-step'
import { Stepper } from './stepper'
import { TypeStep } from './type-step'
import {
  hasTypedData,
  initialDraft,
  registerRequest,
  STEP_FIELDS,
  STEPS,
  stepOfField,
  type WizardDraft,
} from './wizard-model'
import { checkDetailsStep, checkScopeStep, checkTypeStep, nameHolder } from './wizard-rules'
import { Button } from '../../components/button'

/**
 * "Register secret": Scope and availability → Type → Details → Review. Values typed here live only
 * in this component's state; on success it clears them before the dialog unmounts, so nothing of
 * them is left in React state or the DOM, and the new secret is shown in its scope's listing.
 */
export function RegisterWizard(): ReactNode {
  const profile = useSecretsStore((s) => s.profile)
  const tab = useSecretsStore((s) => s.scope)
  const secrets = useSecretsStore((s) => s.secrets)
  const { closeDialog, toast } = useSecretsStore.getState()
  const [step, setStep] = useState(0)
  const [draft, setDraft] = useState<WizardDraft>(() => initialDraft(profile, tab))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const certificate = useCertificateDraft(setErrors)
  const body = useRef<HTMLDivElement>(null)

  useEffect(() => focusFirstField(body.current), [step])

  function change(next: Partial<WizardDraft>, fields: string[] = Object.keys(next)): void {
    setDraft((current) => ({ ...current, ...next }))
    setErrors((current) => without(current, FORM, ...fields))
  }

  async function next(): Promise<void> {
    let found: FieldErrors = {}
    if (step === 0) found = checkScopeStep(draft, profile?.role)
    if (step === 1) found = checkTypeStep(draft)
    if (step === 2) {
      found = checkDetailsStep(draft, certificate.cert, secrets)
      if (draft.type === 'certificate' && certificate.cert.certificate) {
        const fine = await certificate.check()
        if (!fine) return setErrors((current) => ({ ...current, ...found }))
      }
    }
    setErrors(found)
    if (!hasErrors(found)) setStep(step + 1)
  }

  async function register(): Promise<void> {
    setBusy(true)
    const result = await call((bridge) =>
      bridge.secrets.register(registerRequest(draft, certificate.cert)),
    )
    setBusy(false)
    if (!result.ok) {
      const target = stepOfField(result.error.field) ?? step
      setErrors(routeError(result.error, STEP_FIELDS[target] ?? []))
      setStep(target)
      return
    }
    // Forget every value before the dialog goes: state first, then the dialog itself.
    setDraft(initialDraft(profile, tab))
    certificate.reset()
    const { secret, warnings } = result.value
    toast(`Registered "${secret.name}".`, 'success')
    for (const warning of warnings) toast(warning, 'info')
    closeDialog()
    void useListingStore.getState().showRegistered(secret.id)
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault()
    if (busy) return
    void (step === STEPS.length - 1 ? register() : next())
  }

  const holder = errors['name'] ? nameHolder(draft, secrets) : undefined
  const last = step === STEPS.length - 1
  return (
    <DialogShell
      title="Register secret"
      size="large"
      busy={busy}
      dirty={hasTypedData(draft, certificate.cert)}
      onClose={closeDialog}
    >
      <Stepper steps={STEPS} current={step} />
      <form className="dlg-form" noValidate onSubmit={onSubmit} onKeyDown={submitOnEnterInRadio}>
        {/* Review has nothing to type into: the body itself takes focus, so a keyboard can scroll
            a long summary. */}
        <div
          className="dlg-body"
          ref={body}
          {...(last ? { tabIndex: 0, role: 'region', 'aria-labelledby': 'wizard-step-title' } : {})}
        >
          <h3 id="wizard-step-title" className="dlg-step-title">
            {STEPS[step]}
          </h3>
          {errors[FORM] && <FormAlert tone="error">{errors[FORM]}</FormAlert>}
          {step === 0 && (
            <ScopeStep draft={draft} profile={profile} errors={errors} onChange={change} />
          )}
          {step === 1 && (
            <TypeStep
              value={draft.type}
              errors={errors}
              onChange={(type) => {
                if (type !== draft.type) certificate.reset()
                change({ type, fields: {}, expiresAt: '' })
              }}
            />
          )}
          {step === 2 && (
            <DetailsStep
              draft={draft}
              errors={errors}
              certificate={certificate}
              onChange={change}
              onFieldError={(field, message) =>
                setErrors((current) => ({ ...current, [field]: message }))
              }
              cancelDeletionOffer={
                holder?.status === 'scheduled-for-deletion' ? (
                  <NameTakenOffer
                    holder={holder}
                    onKept={(message) => setErrors((current) => ({ ...current, name: message }))}
                  />
                ) : undefined
              }
            />
          )}
          {step === 3 && <ReviewStep draft={draft} cert={certificate.cert} />}
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} />
          <span className="dlg-footer-gap" />
          {step > 0 && (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => {
                setErrors({})
                setStep(step - 1)
              }}
            >
              <ArrowLeft aria-hidden size={16} /> Back
            </Button>
          )}
          <Button type="submit" variant="primary" disabled={busy}>
            {last ? (
              <>
                {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Register
                secret
              </>
            ) : (
              <>
                Next <ArrowRight aria-hidden size={16} />
              </>
            )}
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
