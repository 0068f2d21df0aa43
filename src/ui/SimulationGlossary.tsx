import { useMessages } from './i18n';
import { RichText } from './RichText';

/**
 * What the simulation models and where it bends Kafka, then the words the page uses. Keep
 * it in step with the engine: each simplification here is named in code next to its rule.
 */
export function SimulationGlossary() {
  const g = useMessages().glossary;
  return (
    <div className="glossary">
      <section className="glossary-section" aria-labelledby="glossary-simplifies">
        <h3 id="glossary-simplifies" className="glossary-heading">
          {g.simplifiesTitle}
        </h3>
        <p className="glossary-intro">{g.intro}</p>
        <ul className="simplifications">
          {g.simplifications.map(([lead, text]) => (
            <li key={lead}>
              <strong>{lead}</strong> <RichText text={text} />
            </li>
          ))}
        </ul>
      </section>
      <section className="glossary-section" aria-labelledby="glossary-terms">
        <h3 id="glossary-terms" className="glossary-heading">
          {g.termsTitle}
        </h3>
        <dl className="terms">
          {g.terms.map(([name, text]) => (
            <div className="term" key={name}>
              <dt>
                <RichText text={name} />
              </dt>
              <dd>
                <RichText text={text} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
