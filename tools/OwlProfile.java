// The OWL API's OWL 2 DL profile check of one ontology document, run by tools/owl_profile.py as a
// single-file source program (java -cp 'JARS/*' OwlProfile.java FILE): nothing to compile first.
// Prints one line per violation ("violation<TAB>KIND<TAB>TEXT"), one per RDF triple the OWL API
// could not map to OWL ("unparsed<TAB>TRIPLE"), then "axioms<TAB>N". Exit 0 whatever it found,
// 2 when the document cannot be loaded.
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.RDFDocumentFormat;
import org.semanticweb.owlapi.io.OWLOntologyLoaderMetaData;
import org.semanticweb.owlapi.io.RDFParserMetaData;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlProfile {
    public static void main(String[] args) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology;
        try {
            ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        } catch (Exception e) {
            System.out.println("unloadable\t" + e.toString().replaceAll("\\s+", " "));
            System.exit(2);
            return;
        }
        for (OWLProfileViolation v : new OWL2DLProfile().checkOntology(ontology).getViolations()) {
            System.out.println("violation\t" + v.getClass().getSimpleName() + "\t" + v.toString().replaceAll("\\s+", " "));
        }
        OWLDocumentFormat format = manager.getOntologyFormat(ontology);
        if (format instanceof RDFDocumentFormat) {
            ((RDFDocumentFormat) format).getOntologyLoaderMetaData().ifPresent(meta -> {
                if (meta instanceof RDFParserMetaData) {
                    ((RDFParserMetaData) meta).getUnparsedTriples().forEach(
                        t -> System.out.println("unparsed\t" + t.toString().replaceAll("\\s+", " ")));
                }
            });
        }
        System.out.println("axioms\t" + ontology.getAxiomCount());
    }
}
