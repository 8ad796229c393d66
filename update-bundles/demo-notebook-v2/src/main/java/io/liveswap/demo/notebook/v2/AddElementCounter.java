package io.liveswap.demo.notebook.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.liveswap.state.StateTransformer;

/** The notebook's data-structure change from 1.0.0 to 2.0.0 and back: adds, or drops, the element counter. */
@Component
public class AddElementCounter implements StateTransformer {

    @Override
    public String unit() {
        return "notebook";
    }

    @Override
    public String from() {
        return "1.0.0";
    }

    @Override
    public String to() {
        return "2.0.0";
    }

    @Override
    public Map<String, Object> upgrade(Map<String, Object> state) {
        Map<String, Object> upgraded = new LinkedHashMap<>(state);
        upgraded.put("count", ((List<?>) state.get("notes")).size());
        return upgraded;
    }

    @Override
    public Map<String, Object> downgrade(Map<String, Object> state) {
        Map<String, Object> downgraded = new LinkedHashMap<>(state);
        downgraded.remove("count");
        return downgraded;
    }
}
