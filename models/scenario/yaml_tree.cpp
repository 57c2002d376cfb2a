#include "models/scenario/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

namespace poolsim::models {

namespace {

constexpr int kMaxDepth = 64;
// Aliases share nodes in yaml-cpp but are copied here: bound the copy ("billion laughs").
constexpr long kMaxNodes = 1'000'000;

/// Where each document starts and whether it holds anything but an empty value.
class DocumentCounter : public YAML::EventHandler
{
public:
    struct Document
    {
        YAML::Mark start;
        bool hasContent = false;
    };
    std::vector<Document> documents;

    void OnDocumentStart(const YAML::Mark& mark) override { documents.push_back({mark, false}); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { content(); }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override
    {
        content();
    }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {
        content();
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        content();
    }
    void OnMapEnd() override {}

private:
    void content()
    {
        if (!documents.empty())
            documents.back().hasContent = true;
    }
};

bool sameMark(const YAML::Mark& a, const YAML::Mark& b)
{
    return a.pos == b.pos && a.line == b.line && a.column == b.column;
}

SourceLocation locationOf(const YAML::Mark& mark, const std::string& fileName)
{
    if (mark.is_null() || mark.line < 0)
        return {fileName, 0, 0};
    return {fileName, mark.line + 1, mark.column + 1};
}

YamlNode convert(const YAML::Node& node, const std::string& fileName, const SourceLocation& fallback,
                 int depth, long& budget)
{
    YamlNode out;
    if (--budget < 0)
        throw ScenarioError({fileName, 0, 0}, "",
                            "the document is too large (its aliases expand to over a million values)");
    out.where.location = locationOf(node.Mark(), fileName);
    if (out.where.location.line == 0)
        out.where.location = fallback;
    if (depth > kMaxDepth)
        failAt(out.where, "", "the document is nested too deeply");
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::Null;
        // yaml-cpp places an empty value at the next token; the key is the better place.
        out.where.location = fallback;
        break;
    case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::Scalar;
        out.scalar = node.Scalar();
        break;
    case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::Sequence;
        for (const YAML::Node& item : node)
            out.items.push_back(convert(item, fileName, out.where.location, depth + 1, budget));
        break;
    case YAML::NodeType::Map:
        out.kind = YamlNode::Kind::Map;
        for (auto it = node.begin(); it != node.end(); ++it) {
            YamlEntry entry;
            entry.keyWhere.location = locationOf(it->first.Mark(), fileName);
            if (entry.keyWhere.location.line == 0)
                entry.keyWhere.location = out.where.location;
            if (!it->first.IsScalar())
                failAt(entry.keyWhere, "",
                       "expected a plain key (a name followed by ':'), got " +
                           std::string(it->first.IsNull() ? "an empty key" : "a structured key"));
            entry.key = it->first.Scalar();
            if (const YamlEntry* first = out.findEntry(entry.key))
                failAt(entry.keyWhere, "",
                       "duplicate key '" + entry.key + "' (first given at line " +
                           std::to_string(first->keyWhere.location.line) + ")");
            entry.value = convert(it->second, fileName, entry.keyWhere.location, depth + 1, budget);
            out.entries.push_back(std::move(entry));
        }
        break;
    }
    return out;
}

std::string yamlMessage(const YAML::Exception& e)
{
    return e.msg.empty() ? std::string("invalid YAML") : "invalid YAML: " + e.msg;
}

} // namespace

const YamlEntry* YamlNode::findEntry(std::string_view key) const
{
    const auto it =
        std::find_if(entries.begin(), entries.end(), [&](const YamlEntry& e) { return e.key == key; });
    return it == entries.end() ? nullptr : &*it;
}

YamlEntry* YamlNode::findEntry(std::string_view key)
{
    const auto it =
        std::find_if(entries.begin(), entries.end(), [&](const YamlEntry& e) { return e.key == key; });
    return it == entries.end() ? nullptr : &*it;
}

const YamlNode* YamlNode::find(std::string_view key) const
{
    const YamlEntry* e = findEntry(key);
    return e ? &e->value : nullptr;
}

YamlNode parseYamlDocument(const std::string& text, const std::string& fileName)
{
    YAML::Node document;
    try {
        // First the document structure: yaml-cpp's LoadAll can loop for ever on some invalid
        // input (a stray ','), where the parser stops advancing; a bounded pass catches that.
        std::istringstream stream(text);
        YAML::Parser parser(stream);
        DocumentCounter counter;
        for (int i = 0; i < 4 && parser.HandleNextDocument(counter); ++i) {
            const auto& docs = counter.documents;
            if (docs.size() >= 2 && sameMark(docs[docs.size() - 1].start, docs[docs.size() - 2].start))
                throw ScenarioError(locationOf(docs.back().start, fileName), "",
                                    "invalid YAML: unexpected character");
        }
        int withContent = 0;
        for (const DocumentCounter::Document& d : counter.documents)
            if (d.hasContent && ++withContent == 2)
                throw ScenarioError(locationOf(d.start, fileName), "",
                                    "the file holds more than one YAML document (one scenario per file)");
        document = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw ScenarioError(locationOf(e.mark, fileName), "", yamlMessage(e));
    }
    if (!document.IsDefined() || document.IsNull())
        return YamlNode{YamlNode::Kind::Null, {}, {}, {}, {{fileName, 0, 0}, {}, {}}};
    try {
        long budget = kMaxNodes;
        return convert(document, fileName, {fileName, 1, 1}, 0, budget);
    } catch (const YAML::Exception& e) {
        throw ScenarioError(locationOf(e.mark, fileName), "", yamlMessage(e));
    }
}

YamlNode parseYamlScalar(const std::string& text, const Where& where)
{
    YamlNode out;
    out.where = where;
    YAML::Node node;
    try {
        node = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        failAt(where, "", yamlMessage(e));
    }
    if (node.IsScalar()) {
        out.kind = YamlNode::Kind::Scalar;
        out.scalar = node.Scalar();
    } else if (!node.IsNull() && node.IsDefined()) {
        failAt(where, "",
               "expected a single value, got " + std::string(node.IsMap() ? "a map" : "a list") +
                   " (quote the value to give it as text)");
    }
    return out;
}

void failAt(const Where& where, const std::string& keyPath, const std::string& message)
{
    if (!where.setBy.empty())
        throw ScenarioError({where.location.file, 0, 0}, keyPath,
                            message + " (from " + where.location.file + " " + where.setBy + ")");
    throw ScenarioError(where.location, keyPath,
                        where.via.empty() ? message : message + " (set by " + where.via + ")");
}

std::string describeNode(const YamlNode& node)
{
    switch (node.kind) {
    case YamlNode::Kind::Null:
        return "nothing";
    case YamlNode::Kind::Scalar: {
        constexpr std::size_t kMax = 60;
        if (node.scalar.size() > kMax)
            return "'" + node.scalar.substr(0, kMax) + "...'";
        return "'" + node.scalar + "'";
    }
    case YamlNode::Kind::Sequence:
        return "a list";
    case YamlNode::Kind::Map:
        return "a map";
    }
    return "nothing";
}

} // namespace poolsim::models
